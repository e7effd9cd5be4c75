namespace Sift.DurableTask.Sqlite.Tests;

// The conformance suite on DurableTaskTestHost's in-memory backend. No DurabilityTests: its state goes with the
// service, so a restart has nothing to resume.
public sealed class ActivityTestsOnInMemory() : ActivityTests(BackendKind.InMemory, null);

public sealed class LifecycleTestsOnInMemory() : LifecycleTests(BackendKind.InMemory, null);

public sealed class ManagementTestsOnInMemory() : ManagementTests(BackendKind.InMemory, null);

public sealed class TimerAndEventTestsOnInMemory() : TimerAndEventTests(BackendKind.InMemory, null);
