using Sift.Tests.Infrastructure;

namespace Sift.DurableTask.Sqlite.Tests;

// The conformance suite on production's provider against Azurite: one emulator per test class, a task hub per test.
public sealed class ActivityTestsOnAzureStorage(AzuriteEmulator azurite) : ActivityTests(BackendKind.AzureStorage, azurite), IClassFixture<AzuriteEmulator>;

public sealed class LifecycleTestsOnAzureStorage(AzuriteEmulator azurite) : LifecycleTests(BackendKind.AzureStorage, azurite), IClassFixture<AzuriteEmulator>;

public sealed class ManagementTestsOnAzureStorage(AzuriteEmulator azurite) : ManagementTests(BackendKind.AzureStorage, azurite), IClassFixture<AzuriteEmulator>;

public sealed class TimerAndEventTestsOnAzureStorage(AzuriteEmulator azurite) : TimerAndEventTests(BackendKind.AzureStorage, azurite), IClassFixture<AzuriteEmulator>;

public sealed class DurabilityTestsOnAzureStorage(AzuriteEmulator azurite) : DurabilityTests(BackendKind.AzureStorage, azurite), IClassFixture<AzuriteEmulator>;
