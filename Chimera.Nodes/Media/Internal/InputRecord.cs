namespace Chimera.Nodes;

/// <summary>Reads the value a single-purpose node works on: record <c>record</c> of the named (or only) input.</summary>
internal static class InputRecord
{
    /// <summary>The typed value, or an error naming the node, the record and what it held.</summary>
    public static T Get<T>(string node, NodeInputs inputs, string? input, string record, string expected)
    {
        var chunk = input is null ? inputs.Single : inputs[input];
        return chunk.TryGet<T>(record, out var value)
            ? value
            : throw new InvalidOperationException(NodeMessages.WrongInput(node, record, expected, chunk.Contains(record) ? chunk.GetRecord(record).Value : null));
    }
}
