namespace Chimera;

/// <summary>
/// The inputs of one step, keyed by the upstream node's name. Under the <c>latest</c> trigger every input is present;
/// under <c>each</c> exactly one is; under <c>zip</c> all are.
/// </summary>
public sealed class NodeInputs
{
    private readonly string[] _names;
    private readonly DataChunk?[] _chunks;

    /// <summary>The inputs of a source step: none.</summary>
    public static NodeInputs Empty { get; } = new([], []);

    internal NodeInputs(string[] names, DataChunk?[] chunks)
    {
        _names = names;
        _chunks = chunks;
    }

    /// <summary>The chunk of each input, in the order of the names given at construction (null where absent).</summary>
    internal ReadOnlySpan<DataChunk?> Chunks => _chunks;

    /// <summary>Creates inputs from upstream name → chunk pairs (for tests and custom runners).</summary>
    public static NodeInputs From(IEnumerable<KeyValuePair<string, DataChunk>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var list = inputs.ToList();
        return new NodeInputs([.. list.Select(p => p.Key)], [.. list.Select(p => (DataChunk?)p.Value)]);
    }

    /// <summary>The number of inputs present in this step.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var chunk in _chunks)
            {
                count += chunk is null ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>The upstream names present in this step.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (_chunks[i] is not null)
                {
                    yield return _names[i];
                }
            }
        }
    }

    /// <summary>The chunk from the named upstream node.</summary>
    /// <exception cref="KeyNotFoundException">That upstream node delivered nothing in this step.</exception>
    public DataChunk this[string upstream] => TryGet(upstream, out var chunk)
        ? chunk
        : throw new KeyNotFoundException(
            $"No input from '{upstream}' in this step. Present: {(Count == 0 ? "none" : string.Join(", ", Names))}.");

    /// <summary>The only input of this step, for nodes with one upstream node.</summary>
    /// <exception cref="InvalidOperationException">The step has no input or more than one.</exception>
    public DataChunk Single
    {
        get
        {
            DataChunk? found = null;
            foreach (var chunk in _chunks)
            {
                if (chunk is null)
                {
                    continue;
                }

                if (found is not null)
                {
                    throw new InvalidOperationException(
                        $"This step has {Count} inputs ({string.Join(", ", Names)}); read them by name instead of Single.");
                }

                found = chunk;
            }

            return found ?? throw new InvalidOperationException("This step has no input (is the node a source?).");
        }
    }

    /// <summary>Reads record <paramref name="record"/> of the input from <paramref name="upstream"/> as <typeparamref name="T"/>.</summary>
    public T Get<T>(string upstream, string record = DataChunk.DefaultRecordName) => this[upstream].Get<T>(record);

    /// <summary>Whether the named upstream node delivered in this step.</summary>
    public bool Contains(string upstream) => TryGet(upstream, out _);

    /// <summary>Tries to get the chunk from the named upstream node.</summary>
    public bool TryGet(string upstream, out DataChunk chunk)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (_chunks[i] is { } c && string.Equals(_names[i], upstream, StringComparison.Ordinal))
            {
                chunk = c;
                return true;
            }
        }

        chunk = null!;
        return false;
    }
}
