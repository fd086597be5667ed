using System.Collections.Concurrent;

namespace Chimera.Tests.Runtime;

/// <summary>Shared, thread-safe scratch space: nodes are rebuilt from JSON, so tests find them through a key.</summary>
public static class Scratch
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<object?>> s_queues = new();

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static ConcurrentQueue<object?> Of(string key) => s_queues.GetOrAdd(key, _ => new ConcurrentQueue<object?>());
}

/// <summary>Collects every input value (record "default" of each input) under <see cref="Key"/>.</summary>
public sealed class Collect : Node
{
    public string Key { get; set; } = "";

    public int DelayMs { get; set; }

    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs, cancellationToken);
        }

        foreach (var name in inputs.Names)
        {
            Scratch.Of(Key).Enqueue(inputs[name].GetRecord().Value);
        }

        return null;
    }
}

/// <summary>Collects a snapshot of all inputs as "name=value" strings joined by ';'.</summary>
public sealed class CollectInputs : Node
{
    public string Key { get; set; } = "";

    protected override object? Step(NodeInputs inputs)
    {
        Scratch.Of(Key).Enqueue(string.Join(";", inputs.Names.Order().Select(n => $"{n}={inputs[n].GetRecord().Value}")));
        return null;
    }
}

public sealed class Multiply : Node
{
    public long Factor { get; set; } = 1;

    protected override object? Step(NodeInputs inputs) => inputs.Single.Get<long>() * Factor;
}

/// <summary>Emits a value with a fixed delay between values, Count times.</summary>
public sealed class Ticker : Node
{
    private long _n;

    public string Prefix { get; set; } = "";

    public int PeriodMs { get; set; } = 10;

    public int Count { get; set; } = 10;

    /// <summary>Each emitted value is also recorded under this key, so another node can wait for it.</summary>
    public string SignalKey { get; set; } = "";

    /// <summary>Before the first value, wait until this many values were recorded under <see cref="WaitForKey"/>.</summary>
    public string WaitForKey { get; set; } = "";

    public int WaitForCount { get; set; }

    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (_n == 0 && WaitForKey.Length > 0)
        {
            while (Scratch.Of(WaitForKey).Count < WaitForCount)
            {
                await Task.Delay(1, cancellationToken);
            }
        }

        await Task.Delay(PeriodMs, cancellationToken);
        if (SignalKey.Length > 0)
        {
            Scratch.Of(SignalKey).Enqueue(_n);
        }

        if (++_n >= Count)
        {
            EndStream();
        }

        return Prefix + _n;
    }
}

public sealed class ThrowOn : Node
{
    public long Value { get; set; }

    public string Key { get; set; } = "";

    protected override void Setup() => Scratch.Of(Key + ":setup").Enqueue(Context.InstanceIndex);

    protected override object? Step(NodeInputs inputs)
    {
        var v = inputs.Single.Get<long>();
        if (v == Value)
        {
            throw new InvalidOperationException($"boom at {v}");
        }

        Scratch.Of(Key).Enqueue(v);
        return v;
    }

    protected override void Teardown() => Scratch.Of(Key + ":teardown").Enqueue(Context.InstanceIndex);
}

public sealed class SetupThrows : Node
{
    protected override void Setup() => throw new InvalidOperationException("camera not found");
}

/// <summary>Records its teardown in order under Key, and passes values through.</summary>
public sealed class TeardownOrder : Node
{
    public string Key { get; set; } = "";

    protected override object? Step(NodeInputs inputs)
    {
        foreach (var name in inputs.Names)
        {
            Emit(inputs[name]);
        }

        return null;
    }

    protected override void Teardown() => Scratch.Of(Key).Enqueue(Name);
}

/// <summary>Routes even values to "even" and odd values to "odd".</summary>
public sealed class EvenOdd : Node
{
    public string Unknown { get; set; } = "";

    protected override object? Step(NodeInputs inputs)
    {
        var v = inputs.Single.Get<long>();
        if (Unknown.Length > 0)
        {
            return Route.To(Unknown, v);
        }

        return Route.To(v % 2 == 0 ? "even" : "odd", v);
    }
}

/// <summary>Records which instance handled each element, and spends a little time.</summary>
public sealed class WhichInstance : Node
{
    public string Key { get; set; } = "";

    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        await Task.Delay(2, cancellationToken);
        Scratch.Of(Key).Enqueue((Context.InstanceIndex, inputs.Single.Get<long>()));
        return inputs.Single.Get<long>();
    }
}

/// <summary>Yields three outputs per input (ctapipe's yield).</summary>
public sealed class Triple : Node
{
    protected override object? Step(NodeInputs inputs)
    {
        var v = inputs.Single.Get<long>();
        Emit(v * 10);
        Emit(v * 10 + 1);
        return v * 10 + 2;
    }
}

/// <summary>A source written as an async producer.</summary>
public sealed class Produce : AsyncSourceNode
{
    public int Count { get; set; } = 5;

    protected internal override async IAsyncEnumerable<object?> ProduceAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Count; i++)
        {
            await Task.Yield();
            yield return $"item{i}";
        }
    }
}

/// <summary>A node whose type cannot be rebuilt (no parameterless constructor).</summary>
public sealed class NoDefaultConstructor(int x) : Node
{
    public int X { get; } = x;
}
