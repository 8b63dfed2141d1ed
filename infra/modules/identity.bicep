// The Function App's user-assigned managed identity. It exists before the app, so every role
// it needs (Storage, Cosmos DB data plane, Application Insights) is granted before the first start.
@description('Name of the identity.')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
