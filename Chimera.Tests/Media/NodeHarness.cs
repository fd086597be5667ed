namespace Chimera.Tests.Media;

/// <summary>Runs one node outside the runtime: a context, setup, steps, teardown.</summary>
internal static class NodeHarness
{
    public static NodeContext Attach(Node node, NodeRecorder? recorder = null, Func<bool>? isRecording = null, string worker = "w1")
    {
        var context = new NodeContext(node.Name, 0, worker, "run1", [], null, null, isRecording ?? (() => recorder is not null), null, recorder);
        node.Attach(context);
        return context;
    }

    public static NodeInputs Input(object? value, string upstream = "src") =>
        NodeInputs.From([new KeyValuePair<string, DataChunk>(upstream, value as DataChunk ?? DataChunk.Of(value))]);

    /// <summary>Steps a source until it ends (or <paramref name="limit"/> steps), returning its non-null outputs.</summary>
    public static async Task<List<object>> DrainSourceAsync(Node node, NodeContext context, int limit = 1000)
    {
        var outputs = new List<object>();
        for (var i = 0; i < limit && !context.StreamEnded; i++)
        {
            if (await node.StepAsync(NodeInputs.Empty, CancellationToken.None) is { } output)
            {
                outputs.Add(output);
            }
        }

        return outputs;
    }
}
