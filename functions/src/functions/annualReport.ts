import functions from '@azure/functions';
import { azureHandler } from '../http/azure.js';
import { routeNamed } from '../http/routes.js';
import { appInstance } from './appInstance.js';

const route = routeNamed('annualReport');
functions.app.http(route.name, {
  methods: [route.method],
  route: route.route,
  authLevel: 'anonymous',
  handler: azureHandler(route, appInstance),
});
