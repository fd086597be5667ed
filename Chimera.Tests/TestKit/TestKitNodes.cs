using System.Collections.Concurrent;

namespace Chimera.Tests.TestKit;

/// <summary>Multiplies its single input by <see cref="Coef"/>.</summary>
public sealed class MultiplyBy : Node
{
    public long Coef { get; set; } = 1;

    protected override object? Step(NodeInputs inputs) => inputs.Single.Get<long>() * Coef;
}

/// <summary>Adds <see cref="Amount"/> to its single input.</summary>
public sealed class AddTo : Node
{
    public long Amount { get; set; }

    protected override object? Step(NodeInputs inputs) => inputs.Single.Get<long>() + Amount;
}

/// <summary>Passes values through and throws on <see cref="Value"/>.</summary>
public sealed class FailOn : Node
{
    public long Value { get; set; }

    protected override object? Step(NodeInputs inputs)
    {
        var v = inputs.Single.Get<long>();
        return v == Value ? throw new InvalidOperationException($"boom at {v}") : v;
    }
}

/// <summary>Saves every input to the stream "values" while recording, and passes it on.</summary>
public sealed class SaveEach : Node
{
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var v = inputs.Single.Get<long>();
        if (Context.IsRecording)
        {
            await Context.Recorder.SaveAsync("values", RecordingKind.Tabular, v, Context.Now, cancellationToken);
        }

        return v;
    }
}

/// <summary>A sink whose teardown waits for a gate the test opens, to simulate a teardown that never returns.</summary>
public sealed class HangingTeardown : Node
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();

    public string Key { get; set; } = "";

    public static TaskCompletionSource Gate(string key) =>
        s_gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public override async ValueTask TeardownAsync(CancellationToken cancellationToken) => await Gate(Key).Task;
}

/// <summary>Starts an hour-long wait on the cluster clock in setup and never cancels it: work left running after teardown.</summary>
public sealed class LeaksTimer : Node
{
    protected override void Setup() => _ = Task.Delay(TimeSpan.FromHours(1), Context.Clock);

    protected override object? Step(NodeInputs inputs) => inputs.Single.Get<long>();
}

/// <summary>Adds up the values of every input present in the step.</summary>
public sealed class SumInputs : Node
{
    protected override object? Step(NodeInputs inputs) => inputs.Names.Sum(n => inputs.Get<long>(n));
}

/// <summary>Copies record "x" of its input into a chunk with records "x" and "twice".</summary>
public sealed class Enrich : Node
{
    protected override object? Step(NodeInputs inputs)
    {
        var x = inputs.Single.Get<long>("x");
        return new DataChunk().Add("x", x).Add("twice", x * 2);
    }
}
