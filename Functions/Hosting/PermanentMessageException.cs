namespace Sift.Hosting;

/// <summary>
/// A queue message that can never succeed (it cannot be read, or it describes something impossible):
/// the runner moves it to the poison queue at once, logging <see cref="Exception.Message"/> as the
/// reason, instead of retrying it <c>maxDequeueCount</c> times.
/// </summary>
public sealed class PermanentMessageException(string reason, Exception? inner = null) : Exception(reason, inner);
