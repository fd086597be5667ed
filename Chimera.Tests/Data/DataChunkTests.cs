namespace Chimera.Tests.Data;

/// <summary>The chunk's record store: one record in a field, more in an array, a name index from eight on.</summary>
public sealed class DataChunkTests
{
    [Fact]
    public void Empty_HasNoRecords_AndSaysSoWhenAsked()
    {
        var chunk = new DataChunk();

        Assert.Equal(0, chunk.Count);
        Assert.Empty(chunk.Records);
        var e = Assert.Throws<DataChunkException>(() => chunk.GetRecord("x"));
        Assert.Contains("It has: no records.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRecord_ReplacedByName_StaysOne()
    {
        var chunk = new DataChunk().Add("a", 1).Add("a", 2);

        Assert.Equal(1, chunk.Count);
        Assert.Equal(2, chunk.Get<int>("a"));
        Assert.Equal(["a"], chunk.Records.Keys);
    }

    [Fact]
    public void GrowingPastOneAndPastTheIndex_KeepsInsertionOrder_AndReplacesInPlace()
    {
        var chunk = new DataChunk();
        for (var i = 0; i < 12; i++)
        {
            chunk.Add($"r{i}", i);
            Assert.Equal(i + 1, chunk.Count);
            Assert.Equal(Enumerable.Range(0, i + 1).Select(n => $"r{n}"), chunk.Records.Keys);
        }

        chunk.Add("r0", 100).Add("r9", 900);

        Assert.Equal(12, chunk.Count);
        Assert.Equal(100, chunk.Get<int>("r0"));
        Assert.Equal(900, chunk.Get<int>("r9"));
        Assert.Equal(11, chunk.Get<int>("r11"));
        Assert.Equal(Enumerable.Range(0, 12).Select(n => $"r{n}"), chunk.Records.Select(kv => kv.Key));
        Assert.Equal([100, 1, 2, 3, 4, 5, 6, 7, 8, 900, 10, 11], chunk.Records.Values.Select(r => (int)r.Value!));
    }

    [Fact]
    public void With_CopiesEveryRecord_AndLeavesTheOriginal()
    {
        var one = new DataChunk().Add("a", 1);
        var two = one.With("b", 2);
        var three = two.With("c", 3);

        Assert.Equal(["a"], one.Records.Keys);
        Assert.Equal(["a", "b"], two.Records.Keys);
        Assert.Equal(["a", "b", "c"], three.Records.Keys);
        Assert.Equal(one.Created, three.Created);
    }

    [Fact]
    public void EnumeratingWhileAdding_Throws_LikeADictionary()
    {
        var chunk = new DataChunk().Add("a", 1);

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var key in chunk.Records.Keys)
            {
                chunk.Add(key + "'", 2);
            }
        });
    }

    [Fact]
    public void GetOfTheWrongType_NamesWhatTheRecordHolds()
    {
        var chunk = new DataChunk().Add("a", 1).Add("b", "text");

        var e = Assert.Throws<DataChunkException>(() => chunk.Get<long>("b"));

        Assert.StartsWith("The record 'b' holds a String", e.Message, StringComparison.Ordinal);
        Assert.False(chunk.TryGet<long>("b", out _));
        Assert.True(chunk.TryGet<string>("b", out var text));
        Assert.Equal("text", text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    [InlineData(-570)]
    [InlineData(840)]
    public void TransmittedAndReceived_ReadBackTheInstantAndTheOffsetAsSet(int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var sent = new DateTimeOffset(2026, 12, 7, 6, 30, 15, offset).AddTicks(1234567);
        var chunk = new DataChunk { Transmitted = sent, Received = DateTimeOffset.MinValue };

        Assert.Equal(sent, chunk.Transmitted);
        Assert.Equal(offset, chunk.Transmitted!.Value.Offset);
        Assert.Equal(sent.Ticks, chunk.Transmitted.Value.Ticks);
        Assert.Equal(DateTimeOffset.MinValue, chunk.Received);

        chunk.Transmitted = null;
        chunk.Received = DateTimeOffset.MaxValue;
        Assert.Null(chunk.Transmitted);
        Assert.Equal(DateTimeOffset.MaxValue, chunk.Received);
        Assert.Null(new DataChunk().Received);
    }
}
