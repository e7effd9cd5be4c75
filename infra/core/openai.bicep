// Azure OpenAI with a chat and an embedding deployment; keys disabled, so callers sign in with
// the identity (Cognitive Services OpenAI User, app/rbac.bicep).
param name string
param location string
param tags object
param chatModel modelDeployment
param embeddingModel modelDeployment

@export()
@description('A model deployment: its name in Sift\'s settings, the model, and its quota.')
type modelDeployment = {
  deployment: string
  name: string
  version: string
  @description('GlobalStandard (pay per token, routed to any region) or Standard (this region).')
  sku: string
  @description('Thousands of tokens per minute.')
  capacity: int
}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    // Entra ID sign-in needs the account's own subdomain.
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: chatModel.deployment
  sku: {
    name: chatModel.sku
    capacity: chatModel.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: chatModel.name
      version: chatModel.version
    }
  }
}

resource embedding 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: embeddingModel.deployment
  sku: {
    name: embeddingModel.sku
    capacity: embeddingModel.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: embeddingModel.name
      version: embeddingModel.version
    }
  }
  // An account accepts one deployment change at a time.
  dependsOn: [chat]
}

output name string = account.name
output endpoint string = account.properties.endpoint
output chatDeployment string = chat.name
output embeddingDeployment string = embedding.name
