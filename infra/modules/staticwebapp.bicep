// Azure Static Web Apps (Free) hosts the task pane: HTTPS on a stable origin with a managed
// certificate, global edge delivery, a custom domain when the union wants one, and no storage
// account keys to deploy with (azd and the SWA CLI fetch a deployment token at deploy time;
// nothing is stored in this repository).
@description('Static Web App name.')
param name string

@description('Region of the Static Web App resource (content is served from the edge everywhere).')
param location string

@description('Tags; `azd-service-name: taskpane` lets `azd deploy` find it.')
param tags object = {}

@allowed([
  'Free'
  'Standard'
])
@description('Free is enough for a task pane (100 GB bandwidth a month); Standard adds an SLA and private endpoints.')
param sku string = 'Free'

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
// The task pane's origin, e.g. https://<name>-<hash>.azurestaticapps.net (no trailing slash):
// the API's only CORS origin and the manifest's SourceLocation host.
output url string = 'https://${site.properties.defaultHostname}'
