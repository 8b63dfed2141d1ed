// Azure Cosmos DB for NoSQL: the `union` database and the containers of DESIGN.md "Storage",
// created here because the app's identity holds a data-plane role only (it cannot create
// databases or containers). Key-based access is disabled: clients sign in with Entra ID.
@description('Cosmos DB account name (3-44 lower-case letters, digits and dashes).')
@minLength(3)
@maxLength(44)
param accountName string

@description('Region (single region, single write region).')
param location string

@description('Tags.')
param tags object = {}

@description('Database name; the app reads it from COSMOS_DATABASE.')
param databaseName string

@description('serverless: pay per request unit; autoscale: provisioned autoscale throughput shared by the database.')
@allowed([
  'serverless'
  'autoscale'
])
param capacityMode string = 'serverless'

@description('Autoscale maximum RU/s of the database (autoscale only).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Backup policy.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
  'Periodic'
])
param backup string = 'Continuous7Days'

@description('Principal (object) ids given the built-in Cosmos DB Data Contributor role on the account.')
param dataContributorPrincipalIds array

var serverless = capacityMode == 'serverless'

// Built-in data-plane role: Cosmos DB Built-in Data Contributor (read and write items; no
// management of databases, containers or throughput).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// The containers and partition keys of DESIGN.md and functions/src/store/cosmos.ts (CONTAINERS);
// test/infra/infra.test.ts compares the three. Documents' bulky payloads (`fields` of a row,
// `changes` of an audit entry) are never filtered on by the store, so they are not indexed:
// writes cost fewer request units.
var containers = [
  {
    name: 'rows'
    partitionKey: '/pk'
    excludedPaths: [
      '/fields/*'
    ]
  }
  {
    name: 'audit'
    partitionKey: '/orgId'
    excludedPaths: [
      '/changes/*'
    ]
  }
  {
    name: 'settings'
    partitionKey: '/orgId'
    excludedPaths: [
      '/settings/*'
    ]
  }
]

var serverlessCapabilities = [
  {
    name: 'EnableServerless'
  }
]

var autoscaleOptions = {
  autoscaleSettings: {
    maxThroughput: autoscaleMaxThroughput
  }
}

var periodicBackup = {
  type: 'Periodic'
  periodicModeProperties: {
    backupIntervalInMinutes: 240
    backupRetentionIntervalInHours: 168
    backupStorageRedundancy: 'Local'
  }
}

var continuousBackup = {
  type: 'Continuous'
  continuousModeProperties: {
    tier: backup
  }
}

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? serverlessCapabilities : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    backupPolicy: backup == 'Periodic' ? periodicBackup : continuousBackup
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : autoscaleOptions
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: {
          paths: [c.partitionKey]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [
            {
              path: '/*'
            }
          ]
          excludedPaths: concat(c.excludedPaths, ['/"_etag"/?'])
        }
      }
    }
  }
]

resource dataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in dataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleId)
    properties: {
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
      principalId: principalId
      scope: account.id
    }
  }
]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames array = [for c in containers: c.name]
