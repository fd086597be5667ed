namespace Chimera.Remote;

/// <summary>
/// An auto-reset wake-up for a single waiting loop: <see cref="Set"/> from any thread wakes the loop or, if it is busy,
/// makes its next <see cref="WaitAsync"/> return at once. Spurious wake-ups are allowed; the loop re-checks its state.
/// </summary>
internal sealed class AsyncSignal
{
    /// <summary>Guards the fields below.</summary>
    private readonly Lock _gate = new();

    /// <summary>The pending waiter, if the loop is (or was) waiting.</summary>
    private TaskCompletionSource? _waiter;

    /// <summary>Whether a signal arrived that no wait has consumed yet.</summary>
    private bool _signaled;

    /// <summary>Wakes the loop.</summary>
    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _signaled = true;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Waits for the next signal (or returns at once if one arrived since the last wait).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }
}
