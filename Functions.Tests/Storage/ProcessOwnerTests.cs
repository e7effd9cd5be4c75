using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

public sealed class ProcessOwnerTests
{
    [Fact]
    public void AnOwnerWhoseLockNobodyHoldsIsClaimedOnceAndALiveOneNever()
    {
        using var data = new TempDirectory();
        using var alive = ProcessOwner.Acquire(data.Path);
        using var starting = ProcessOwner.Acquire(data.Path);
        // What a process killed with SIGKILL leaves: its file, with the lock gone with the process.
        File.WriteAllText(Path.Combine(data.Path, "owners", "dead.lock"), "");

        Assert.Equal(["dead"], starting.ClaimGone());
        Assert.Empty(starting.ClaimGone());
        Assert.True(File.Exists(Path.Combine(data.Path, "owners", alive.Id + ".lock")));
    }

    [Fact]
    public void AnOwnerThatStopsCleanlyLeavesNothingToClaim()
    {
        using var data = new TempDirectory();
        using var starting = ProcessOwner.Acquire(data.Path);

        ProcessOwner.Acquire(data.Path).Dispose();

        Assert.Empty(starting.ClaimGone());
    }
}
