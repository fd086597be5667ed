using System.Text.Json;

namespace Chimera;

public sealed partial class Manager
{
    /// <summary>
    /// Streams a node's output while the run goes on (PyE2's <c>on_data</c>, a dashboard's live preview), every chunk or
    /// sampled to at most <paramref name="maxRate"/> per second. The graph is never slowed: a slow reader loses the
    /// oldest chunks of its own tap. Ends when the node finishes or the token is cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is committed.</exception>
    /// <exception cref="KeyNotFoundException">The run has no such node.</exception>
    public IAsyncEnumerable<DataChunk> TapAsync(string node, double? maxRate = null, CancellationToken cancellationToken = default) =>
        OpenTap(node, maxRate, cancellationToken, opened: null);

    /// <summary>
    /// Calls <paramref name="onData"/> for each chunk a node publishes (see <see cref="TapAsync"/>), on a thread of its own,
    /// until the node ends or the subscription is disposed.
    /// </summary>
    /// <remarks>
    /// On a registered worker the tap is opened over the network after this returns, so the first chunks of a node
    /// started right away may be missed; <see cref="OnDataAsync"/> returns only once the tap is open.
    /// </remarks>
    public DataSubscription OnData(string node, Action<DataChunk> onData, double? maxRate = null) =>
        Subscribe(node, onData, maxRate, opened: null);

    /// <summary>
    /// Like <see cref="OnData"/>, but returns once the tap is open on the node's worker (PyE2's subscribe-then-start):
    /// subscribe before <see cref="StartAsync(CancellationToken)"/> and nothing the node publishes is missed, on a registered worker too.
    /// Await <see cref="DataSubscription.Completion"/> after the run to have every chunk, the last one included, before
    /// disposing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is committed.</exception>
    /// <exception cref="KeyNotFoundException">The run has no such node.</exception>
    /// <exception cref="ControlApiException">The worker could not be reached to open the tap.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the tap opened.</exception>
    public async Task<DataSubscription> OnDataAsync(string node, Action<DataChunk> onData, double? maxRate = null, CancellationToken cancellationToken = default)
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = Subscribe(node, onData, maxRate, () => opened.TrySetResult());
        try
        {
            // A tap that fails to open ends its pump instead: whichever comes first says how the opening went.
            await Task.WhenAny(opened.Task, subscription.Completion).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!opened.Task.IsCompleted)
            {
                await subscription.Completion.ConfigureAwait(false);
            }

            return subscription;
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a tap on the worker that runs <paramref name="node"/>.</summary>
    private IAsyncEnumerable<DataChunk> OpenTap(string node, double? maxRate, CancellationToken cancellationToken, Action? opened)
    {
        // Not an iterator: on an embedded worker the tap is registered by this call, so nothing published after it is missed.
        ArgumentException.ThrowIfNullOrEmpty(node);
        ThrowIfNotCommitted("tap");
        var run = _run!;
        var worker = run.Blueprint.Nodes.FirstOrDefault(n => n.Name == node)?.Worker
            ?? throw new KeyNotFoundException($"Run {run.Blueprint.Id} has no node named '{node}'.");
        return run.Workers[worker].TapAsync(node, maxRate, cancellationToken, opened);
    }

    /// <summary>Pumps a tap into a callback on a thread of its own.</summary>
    private DataSubscription Subscribe(string node, Action<DataChunk> onData, double? maxRate, Action? opened)
    {
        ArgumentNullException.ThrowIfNull(onData);
        var stop = new CancellationTokenSource();
        var stream = OpenTap(node, maxRate, stop.Token, opened);
        var pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in stream.ConfigureAwait(false))
                {
                    onData(chunk);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });
        return new DataSubscription(stop, pump);
    }

    /// <summary>
    /// Calls a node's registered method (<see cref="NodeMethodAttribute"/>) by name with JSON arguments, on every
    /// instance of the node, serialized with its steps unless the method is marked concurrent.
    /// </summary>
    /// <returns>The method's result as JSON, or <see langword="null"/>.</returns>
    /// <exception cref="KeyNotFoundException">No such node, or no such registered method (the message lists the registered ones).</exception>
    public Task<JsonElement?> InvokeAsync(string node, string method, JsonElement? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ThrowIfNotCommitted("call a node method");
        var run = _run!;
        var worker = run.Blueprint.Nodes.FirstOrDefault(n => n.Name == node)?.Worker
            ?? throw new KeyNotFoundException($"Run {run.Blueprint.Id} has no node named '{node}'.");
        return run.Workers[worker].InvokeAsync(node, method, arguments, cancellationToken);
    }
}
