// union-ledger: the production stack in one resource group (docs/deploy.md, ADR 0010).
// `azd up` deploys it with infra/main.parameters.json; `az deployment group create` works too.
// No account key, connection string with a key, or password is set anywhere: the Function App
// reaches Storage, Cosmos DB and Application Insights with its user-assigned managed identity.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd sets it); seeds the unique suffix of every resource name.')
param environmentName string

@description('Region of the Function App, Cosmos DB, Storage and monitoring. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Region of the Static Web App that hosts the task pane (Static Web Apps exists in a few regions only).')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param staticWebAppLocation string = 'eastasia'

@minLength(1)
@maxLength(40)
@description('The organisation this deployment serves (ORG_ID): lower-case letters, digits and dashes, e.g. cqrw.')
param orgId string

@minLength(36)
@maxLength(36)
@description('Directory (tenant) id of the Microsoft Entra tenant whose users sign in to the add-in.')
param entraTenantId string

@minLength(1)
@description('Audience (aud) the API accepts: the API app registration\'s client id with v2 access tokens, or its Application ID URI with v1 tokens.')
param entraAudience string

@minLength(36)
@maxLength(36)
@description('Client id of the add-in app registration: the API takes only tokens issued to it (azp), plus entraExtraClientIds.')
param entraAddinClientId string

@description('Comma-separated client ids of other apps whose user tokens the API takes, e.g. the Azure CLI (04b07795-8ddb-461a-bbee-02f9e1bf7b46) for restore and backup from a terminal. Empty: the add-in only.')
param entraExtraClientIds string = ''

@description('The delegated scope the add-in asks for and the API requires, as a full URI. Empty: api://<entraAudience>/access_as_user (or <entraAudience>/access_as_user when the audience already is an api:// URI).')
param entraApiScope string = ''

@description('Token issuer the API accepts. Empty: the v2.0 issuer of entraTenantId.')
param entraIssuer string = ''

@description('Comma-separated Entra object ids (oid) that act as admin until the organisation has settings (BOOTSTRAP_ADMINS).')
param bootstrapAdmins string = ''

@description('Cosmos DB capacity: serverless (pay per request unit) or provisioned autoscale throughput shared by the database.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@minValue(1000)
@maxValue(1000000)
@description('Autoscale maximum RU/s of the union database (only when cosmosCapacityMode is autoscale); it scales between 10% and 100% of this.')
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB backup: continuous point-in-time restore (7 or 30 days) or periodic.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
  'Periodic'
])
param cosmosBackup string = 'Continuous7Days'

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances (caps cost and the load on Cosmos DB).')
param maximumInstanceCount int = 40

@description('Extra browser origins allowed to call the API, e.g. a custom domain of the task pane (https://addin.example.edu). Never *.')
param additionalCorsOrigins array = []

@description('Object id of a person or group that may read and write the union data directly (Data Explorer, break-glass restore). Empty: nobody but the Function App.')
param operatorPrincipalId string = ''

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'union-ledger'
}
var loginEndpoint = environment().authentication.loginEndpoint
var issuer = empty(entraIssuer) ? '${loginEndpoint}${entraTenantId}/v2.0' : entraIssuer
// The tenant, never `organizations`: the pane signs in against this (VITE_ENTRA_AUTHORITY).
var authority = '${loginEndpoint}${entraTenantId}'
var defaultApiScope = startsWith(entraAudience, 'api://') ? '${entraAudience}/access_as_user' : 'api://${entraAudience}/access_as_user'
var apiScope = empty(entraApiScope) ? defaultApiScope : entraApiScope
var databaseName = 'union'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    blobDataOwnerPrincipalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    databaseName: databaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backup: cosmosBackup
    dataContributorPrincipalIds: empty(operatorPrincipalId) ? [identity.outputs.principalId] : [identity.outputs.principalId, operatorPrincipalId]
  }
}

module taskpane 'modules/staticwebapp.bicep' = {
  name: 'taskpane'
  params: {
    name: 'swa-${resourceToken}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'taskpane' })
  }
}

// The app's own configuration: every variable functions/src/config.ts requires in Azure with
// AUTH_MODE=entra (test/infra/infra.test.ts checks it against the zod schema). COSMOS_KEY is
// deliberately absent: without it the store signs in with DefaultAzureCredential.
var appSettings = {
  AUTH_MODE: 'entra'
  ENTRA_ISSUER: issuer
  ENTRA_AUDIENCE: entraAudience
  ENTRA_JWKS_URL: '${loginEndpoint}${entraTenantId}/discovery/v2.0/keys'
  ENTRA_TENANT_ID: entraTenantId
  ENTRA_API_SCOPE: apiScope
  ENTRA_ADDIN_CLIENT_ID: entraAddinClientId
  ENTRA_EXTRA_CLIENT_IDS: entraExtraClientIds
  ORG_ID: orgId
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_DATABASE: databaseName
  BOOTSTRAP_ADMINS: bootstrapAdmins
}

module api 'modules/functionapp.bicep' = {
  name: 'api'
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    corsAllowedOrigins: union([taskpane.outputs.url], additionalCorsOrigins)
    appSettings: appSettings
  }
}

@description('Base URL of the HTTP API (what the task pane and `union-ledger --api` call).')
output API_URL string = '${api.outputs.url}/api'

@description('Origin of the task pane; `npm run manifest -- --url <TASKPANE_URL>` writes the production manifest.')
output TASKPANE_URL string = taskpane.outputs.url

@description('Cosmos DB endpoint (data plane; reached with Entra ID only).')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

output COSMOS_DATABASE string = databaseName
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = taskpane.outputs.name
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output API_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output ENTRA_ISSUER string = issuer

@description('The tenant authority the task pane signs in against (build-taskpane.sh: VITE_ENTRA_AUTHORITY).')
output ENTRA_AUTHORITY string = authority

@description('The API scope the task pane asks for (build-taskpane.sh: VITE_API_SCOPES).')
output ENTRA_API_SCOPE string = apiScope
