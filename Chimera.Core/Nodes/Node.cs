using System.Text.Json.Serialization;

namespace Chimera;

/// <summary>
/// The base class of everything that runs in a graph. Override <see cref="Setup"/>, <see cref="Step"/> and
/// <see cref="Teardown"/> (or their async forms); the runtime never calls them concurrently for one instance.
/// </summary>
/// <remarks>
/// <para>A node's role comes from the graph: a node without inputs is a <em>source</em> and its step runs in a loop
/// (pace yourself, for example with <c>await Task.Delay(period, ct)</c> in <see cref="StepAsync"/>); call
/// <see cref="EndStream"/> to end a finite stream. A node with inputs is a <em>step</em> (or a <em>sink</em> when
/// nothing is downstream) and <see cref="Step"/> gets its inputs keyed by the upstream node's name.</para>
/// <para>A return value that is not a <see cref="DataChunk"/> is wrapped under the record name <c>default</c>;
/// returning <see langword="null"/> publishes nothing. Use <see cref="Emit"/> to publish several outputs for one input
/// and <see cref="Route.To"/> (or <see cref="EmitTo"/>) to send an output to one named downstream node only.</para>
/// <para>Configuration is the node's public read/write properties: they travel to workers as JSON, so a node built
/// on the manager is rebuilt on the worker. A node type needs a public parameterless constructor.</para>
/// </remarks>
public abstract class Node
{
    private NodeContext? _context;

    /// <summary>Creates a node named after its type; set <see cref="Name"/> to give it a name of its own.</summary>
    protected Node()
    {
        Name = GetType().Name;
    }

    /// <summary>The node's name, unique in its graph; downstream nodes receive this node's output under this key.</summary>
    [JsonIgnore]
    public string Name { get; set; }

    /// <summary>The running node's context: name, logger, clock, recorder, downstream names.</summary>
    /// <exception cref="InvalidOperationException">The node is not running inside a graph yet.</exception>
    [JsonIgnore]
    public NodeContext Context => _context ?? throw new InvalidOperationException(
        $"Node '{Name}' has no context: Context is available from Setup on, while the node runs inside a graph.");

    /// <summary>Prepares the node (open devices, files, models). Runs once before data flows; an exception fails the commit.</summary>
    public virtual ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        Setup();
        return ValueTask.CompletedTask;
    }

    /// <summary>Handles one step: a source produces the next value, a step or sink handles its inputs.</summary>
    /// <param name="inputs">The inputs keyed by upstream node name; empty for a source.</param>
    /// <param name="cancellationToken">Cancelled when the run is aborted, and for a source also when it should stop.</param>
    /// <returns>The output: a <see cref="DataChunk"/>, any other value (wrapped as <c>default</c>), a <see cref="Route"/>, or <see langword="null"/>.</returns>
    public virtual ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Step(inputs));

    /// <summary>Releases what <see cref="SetupAsync"/> acquired. Runs once after the node's inputs completed (or on failure).</summary>
    public virtual ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        Teardown();
        return ValueTask.CompletedTask;
    }

    /// <summary>The synchronous form of <see cref="SetupAsync"/>.</summary>
    protected virtual void Setup()
    {
    }

    /// <summary>The synchronous form of <see cref="StepAsync"/>.</summary>
    /// <remarks>
    /// It runs on a thread-pool thread (or on the thread that received its input from another worker). A step may
    /// block, on a device SDK's synchronous read for instance: once three of its steps in a row have each held the
    /// thread for a millisecond or more, the runtime reserves one more thread-pool thread for this instance while it
    /// runs, so other nodes are not starved meanwhile. Waiting that can be awaited (a timer, an async API) is better
    /// done in <see cref="StepAsync"/>, which then holds no thread at all.
    /// </remarks>
    protected virtual object? Step(NodeInputs inputs) => null;

    /// <summary>The synchronous form of <see cref="TeardownAsync"/>.</summary>
    protected virtual void Teardown()
    {
    }

    /// <summary>Publishes an extra output from the current step (ctapipe's <c>yield</c>); outputs go out in the order emitted, before the return value.</summary>
    protected void Emit(object? value) => Context.Emit(value);

    /// <summary>Publishes an extra output to one named downstream node only.</summary>
    protected void EmitTo(string downstream, object? value) => Context.EmitTo(downstream, value);

    /// <summary>Ends this source's stream after the current step; the step's own output is still published.</summary>
    protected void EndStream() => Context.EndStream();

    internal void Attach(NodeContext context) => _context = context;
}
