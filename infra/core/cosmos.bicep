// Cosmos DB for NoSQL, serverless, keys disabled: Sift signs in with the identity and holds only
// the data-plane role (app/rbac.bicep), which cannot create containers, so they are declared here.
param name string
param location string
param tags object
param databaseName string

// One container per collection Sift registers, with the collection's declared fields (a test
// compares the two). The indexing policy is the one the app gives a container it creates
// (Storage/Cosmos/CosmosContainers.cs): documents keep their body under `doc`; only the partition
// key and the declared fields are indexed (`arrayFields` by their elements); each sort field gets a composite index with the page's
// tie-break (pk, id), and lists without a sort field one on (pk, id), in both directions.
// `defaultTtl` (seconds) lets Cosmos drop a document that long after its last write.
// `vector` (field, dimensions) gets a float32 cosine embedding policy and a quantizedFlat vector
// index; `fullTextField` a full-text policy (en-US) and a full-text index: the hybrid search
// (ORDER BY RANK RRF(VectorDistance, FullTextScore)) of the `search` container needs both, and the
// account the two capabilities below.
var containers = loadJsonContent('cosmos-containers.json')
var orders = ['ascending', 'descending']

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
      {
        name: 'EnableNoSQLVectorSearch'
      }
      {
        name: 'EnableNoSQLFullTextSearch'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: ['/pk']
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: concat([{ path: '/pk/?' }], map(union(c.?sortFields ?? [], c.?filterFields ?? []), field => {
          path: '/doc/${replace(field, '.', '/')}/?'
        }), map(c.?arrayFields ?? [], field => {
          path: '/doc/${replace(field, '.', '/')}/[]/?'
        }))
        excludedPaths: [{ path: '/*' }]
        compositeIndexes: concat(
          flatten(map(c.?sortFields ?? [], field => map(orders, order => [
            { path: '/doc/${replace(field, '.', '/')}', order: order }
            { path: '/pk', order: order }
            { path: '/id', order: order }
          ]))),
          map(orders, order => [
            { path: '/pk', order: order }
            { path: '/id', order: order }
          ])
        )
        vectorIndexes: contains(c, 'vector') ? [{ path: '/doc/${c.vector.field}', type: 'quantizedFlat' }] : []
        fullTextIndexes: contains(c, 'fullTextField') ? [{ path: '/doc/${c.fullTextField}' }] : []
      }
      vectorEmbeddingPolicy: contains(c, 'vector') ? {
        vectorEmbeddings: [{ path: '/doc/${c.vector.field}', dataType: 'float32', dimensions: c.vector.dimensions, distanceFunction: 'cosine' }]
      } : null
      fullTextPolicy: contains(c, 'fullTextField') ? {
        defaultLanguage: 'en-US'
        fullTextPaths: [{ path: '/doc/${c.fullTextField}', language: 'en-US' }]
      } : null
    }, contains(c, 'defaultTtl') ? { defaultTtl: c.defaultTtl } : {})
  }
}]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
