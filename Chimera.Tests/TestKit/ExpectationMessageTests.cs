using Chimera.TestKit;
using Xunit.Sdk;

namespace Chimera.Tests.TestKit;

/// <summary>The failure messages themselves: each says what was expected and what arrived.</summary>
public class ExpectationMessageTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    private static Task<NodeProbe> RunConsumeAsync() =>
        NodeTestKit.RunAsync(new MultiplyBy { Name = "consume", Coef = 3 }, inputs: ["gen"]);

    [Fact]
    public async Task ExpectNext_WrongValue_SaysExpectedAndArrived()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(2);
        await probe.Input("gen").SendNextNAsync([2L, 3L]);
        await probe.Output.ExpectNextAsync(6L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNextAsync(7L));

        Assert.IsAssignableFrom<XunitException>(ex);
        Assert.Equal("Expected next element 7 from 'consume', but got 9 (after 1 element: [6]).", ex.Message);
    }

    [Fact]
    public async Task ExpectNext_AfterCompletion_ListsWhatArrived()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(10);
        await probe.Input("gen").SendNextNAsync([2L, 2L]);
        probe.Input("gen").SendComplete();
        await probe.Output.ExpectNextNAsync([6L, 6L]);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNextAsync(6L));

        Assert.Equal("Expected next element 6 from 'consume', but the stream completed after 2 elements: [6, 6].", ex.Message);
    }

    [Fact]
    public async Task ExpectNext_WrongType_NamesBothTypes()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(1);
        await probe.Input("gen").SendNextAsync(2L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNextAsync(6));

        Assert.Equal("Expected next element 6 from 'consume', but got 6 (Int64), which is not a Int32.", ex.Message);
    }

    [Fact]
    public async Task ExpectNext_Predicate_UsesTheDescription()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(1);
        await probe.Input("gen").SendNextAsync(3L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNextAsync<long>(v => v % 2 == 0, "an even number"));

        Assert.Equal("Expected next element matching an even number from 'consume', but got 9 (it was the first element).", ex.Message);
    }

    [Fact]
    public async Task ExpectNext_Timeout_SaysThatNothingWasRequested()
    {
        await using var probe = await RunConsumeAsync();
        await probe.Input("gen").SendNextAsync(2L);
        await WaitUntilAsync(() => probe.Output.Buffered == 1);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNextAsync(6L, Short));

        Assert.Matches(
            @"^Expected next element 6 from 'consume', but nothing arrived within [\d.]+ ms \(after 0 elements; demand 0, 1 element waiting in the edge's buffer; request them with Request\(n\)\)\.$",
            ex.Message);
    }

    [Fact]
    public async Task ExpectNoMessage_SomethingArrived_SaysWhat()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(1);
        await probe.Input("gen").SendNextAsync(2L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectNoMessageAsync(TimeSpan.FromSeconds(2)));

        Assert.StartsWith("Expected no message from 'consume' for ", ex.Message);
        Assert.Contains(", but got element 6 after ", ex.Message);
    }

    [Fact]
    public async Task ExpectComplete_ButAnElementArrived()
    {
        await using var probe = await RunConsumeAsync();
        probe.Output.Request(1);
        await probe.Input("gen").SendNextAsync(2L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectCompleteAsync());

        Assert.Equal("Expected completion of 'consume', but got element 6 (after 1 element: [6]).", ex.Message);
    }

    [Fact]
    public async Task ExpectError_ButTheStreamCompleted()
    {
        await using var probe = await RunConsumeAsync();
        probe.Input("gen").SendComplete();

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectErrorAsync());

        Assert.Equal("Expected an error from 'consume', but the stream completed (after 0 elements).", ex.Message);
    }

    [Fact]
    public async Task ExpectComplete_ButTheNodeFailed()
    {
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Name = "fragile", Value = 1 }, inputs: ["gen"]);
        await probe.Input("gen").SendNextAsync(1L);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Output.ExpectCompleteAsync());

        Assert.Equal(
            "Expected completion of 'fragile', but the run failed: node 'fragile' failed during step: InvalidOperationException: boom at 1 (after 0 elements).",
            ex.Message);
        await probe.ExpectFailureAsync();
    }

    [Fact]
    public async Task ExpectRequest_WhenTheNodeDoesNotPull_SaysHowFullTheBufferIs()
    {
        var options = new NodeTestOptions { InputEdge = new EdgeOptions { Capacity = 1 }, OutputEdge = new EdgeOptions { Capacity = 1 } };
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Name = "consume" }, inputs: ["gen"], options);
        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L]);

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Input("gen").ExpectRequestAsync(Short));

        Assert.Matches(
            @"^Expected demand on edge 'gen -> consume' \(room in its buffer\), but none came within [\d.]+ ms: 1 of 1 slots are full \(sent 3, taken by the node 2, dropped 0\)\.$",
            ex.Message);
    }

    [Fact]
    public async Task ExpectNoRequest_WhenTheNodeHasRoom_SaysHowMuch()
    {
        await using var probe = await RunConsumeAsync();

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.Input("gen").ExpectNoRequestAsync(TimeSpan.FromSeconds(2)));

        Assert.StartsWith("Expected no demand on edge 'gen -> consume' for ", ex.Message);
        Assert.Contains("but the node had room after", ex.Message);
        Assert.EndsWith("0 of 64 slots are full (sent 0, taken by the node 0, dropped 0).", ex.Message);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        while (!condition())
        {
            await Task.Delay(1, cts.Token);
        }
    }
}
