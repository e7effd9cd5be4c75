targetScope = 'subscription'

import { modelDeployment } from 'core/openai.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource (a region with Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the developer running azd, given the data roles to run Sift locally against these resources; empty for none.')
param principalId string = ''

@secure()
@minLength(44)
@maxLength(44)
@description('Secrets:Key, the master key: base64 of 32 random bytes (`openssl rand -base64 32`). Changing it makes stored bot tokens unreadable.')
param secretsKey string

@secure()
@minLength(32)
@description('Auth:BootstrapAdminKey, the first admin API key (at least 32 characters, e.g. `openssl rand -hex 24`).')
param bootstrapAdminKey string

@description('Region of Azure OpenAI, where the models below have quota.')
param openAiLocation string = location

param chatModel modelDeployment = {
  deployment: 'chat'
  name: 'gpt-4o-mini'
  version: '2024-07-18'
  sku: 'GlobalStandard'
  capacity: 10
}

param embeddingModel modelDeployment = {
  deployment: 'embedding'
  name: 'text-embedding-3-small'
  version: '1'
  sku: 'GlobalStandard'
  capacity: 10
}

@description('NCRONTAB of ScheduledIngestion (Ingestion:Schedule).')
param ingestionSchedule string = '0 * * * * *'

@description('NCRONTAB of Maintenance (Maintenance:Schedule).')
param maintenanceSchedule string = '30 * * * * *'

@description('NCRONTAB of DeliverDigests (Digests:Schedule): hourly, so each chat gets its digest in the hour it chose.')
param digestsSchedule string = '0 0 * * * *'

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var databaseName = 'sift'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}sift-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module cosmos 'core/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: databaseName
  }
}

module openAi 'core/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesOpenAI}${resourceToken}'
    location: openAiLocation
    tags: tags
    chatModel: chatModel
    embeddingModel: embeddingModel
  }
}

module keyVault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    secretsKey: secretsKey
    bootstrapAdminKey: bootstrapAdminKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    storageName: storage.outputs.name
    cosmosName: cosmos.outputs.name
    openAiName: openAi.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

// Sift's settings (Section__Key). Host storage and Application Insights are set by the module.
var appSettings = {
  CosmosDb__accountEndpoint: cosmos.outputs.endpoint
  CosmosDb__database: databaseName
  CosmosDb__credential: 'managedidentity'
  CosmosDb__clientId: identity.outputs.clientId
  AzureOpenAI__endpoint: openAi.outputs.endpoint
  AzureOpenAI__chatDeployment: openAi.outputs.chatDeployment
  AzureOpenAI__embeddingDeployment: openAi.outputs.embeddingDeployment
  AzureOpenAI__credential: 'managedidentity'
  AzureOpenAI__clientId: identity.outputs.clientId
  Secrets__Key: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretsKeyUri})'
  Auth__BootstrapAdminKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.bootstrapAdminKeyUri})'
  Ingestion__Schedule: ingestionSchedule
  Maintenance__Schedule: maintenanceSchedule
  Digests__Schedule: digestsSchedule
  // host.json's durableTask.hubName reads it (%Orchestration:TaskHub%), so the host's task hub has a known name.
  Orchestration__TaskHub: 'sift'
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}sift-${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageName: storage.outputs.name
    deploymentContainerName: 'app-package'
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    // The isolated worker: the host starts Functions.dll (worker.config.json) and reads its
    // functions from functions.metadata.
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
  }
  // The app resolves Key Vault references and reaches storage as soon as it starts.
  dependsOn: [rbac]
}

// azd stores these in .azure/<env>/.env; the app settings' names, so `azd env get-values` can
// feed a local run (with the developer's own sign-in instead of the managed identity).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_URL string = functions.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output AzureWebJobsStorage__blobServiceUri string = storage.outputs.blobEndpoint
output AzureWebJobsStorage__queueServiceUri string = storage.outputs.queueEndpoint
output CosmosDb__accountEndpoint string = cosmos.outputs.endpoint
output CosmosDb__database string = databaseName
output AzureOpenAI__endpoint string = openAi.outputs.endpoint
output AzureOpenAI__chatDeployment string = openAi.outputs.chatDeployment
output AzureOpenAI__embeddingDeployment string = openAi.outputs.embeddingDeployment
