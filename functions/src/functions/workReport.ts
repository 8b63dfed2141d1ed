import { azureHandler, functionsApp } from '../http/azure.js';
import { routeNamed } from '../http/routes.js';
import { appInstance } from './appInstance.js';

const route = routeNamed('workReport');
functionsApp.http(route.name, {
  methods: [route.method],
  route: route.route,
  authLevel: 'anonymous',
  handler: azureHandler(route, appInstance),
});
