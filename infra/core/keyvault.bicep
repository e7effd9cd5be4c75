// Key Vault (RBAC authorization) holding Sift's two secrets. The app reads them through Key Vault
// references resolved with the identity (Key Vault Secrets User, app/rbac.bicep).
param name string
param location string
param tags object

@secure()
param secretsKey string

@secure()
param bootstrapAdminKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Secret names are the settings with `--` for `:`, as Key Vault configuration providers read them.
resource secretsKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'Secrets--Key'
  properties: {
    value: secretsKey
  }
}

resource bootstrapAdminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'Auth--BootstrapAdminKey'
  properties: {
    value: bootstrapAdminKey
  }
}

output name string = vault.name
output endpoint string = vault.properties.vaultUri
// Versionless URIs: a Key Vault reference follows the secret's latest version.
output secretsKeyUri string = secretsKeySecret.properties.secretUri
output bootstrapAdminKeyUri string = bootstrapAdminKeySecret.properties.secretUri
