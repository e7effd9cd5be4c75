namespace Sift.DurableTask.Sqlite.Tests;

// The conformance suite on this library's backend.
public sealed class ActivityTestsOnSqlite() : ActivityTests(BackendKind.Sqlite, null);

public sealed class LifecycleTestsOnSqlite() : LifecycleTests(BackendKind.Sqlite, null);

public sealed class ManagementTestsOnSqlite() : ManagementTests(BackendKind.Sqlite, null);

public sealed class TimerAndEventTestsOnSqlite() : TimerAndEventTests(BackendKind.Sqlite, null);

public sealed class DurabilityTestsOnSqlite() : DurabilityTests(BackendKind.Sqlite, null);
