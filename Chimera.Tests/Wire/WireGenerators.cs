using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Chimera.Tests.Wire;

/// <summary>FsCheck generators for record values and whole chunks, covering every built-in codec.</summary>
internal static class WireGenerators
{
    public static Gen<string> Text() =>
        ArbMap.Default.GeneratorFor<string>().Select(s => s is null ? string.Empty : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)));

    public static Gen<object?> Scalar() => Gen.OneOf(
        Gen.Constant<object?>(null),
        Box<bool>(),
        Box<byte>(),
        Box<sbyte>(),
        Box<short>(),
        Box<ushort>(),
        Box<int>(),
        Box<uint>(),
        Box<long>(),
        Box<ulong>(),
        Box<float>(),
        Box<double>(),
        Box<decimal>(),
        Box<char>(),
        Box<Guid>(),
        Box<TimeSpan>(),
        Box<DateTime>(),
        Text().Select(s => (object?)s));

    public static Gen<object?> Value() => Gen.OneOf(
        Scalar(),
        Scalar(),
        Array<byte>(),
        Array<int>(),
        Array<long>(),
        Array<float>(),
        Array<double>(),
        Array<short>(),
        Array<ushort>(),
        Array<uint>(),
        Array<ulong>(),
        Array<sbyte>(),
        Array<bool>(),
        Row(),
        Gen.ListOf(Text()).Select(list => (object?)list.ToList()));

    public static Gen<object?> Row() =>
        Gen.ListOf(Scalar()).Select(values =>
        {
            var row = new Dictionary<string, object?>();
            var i = 0;
            foreach (var value in values)
            {
                row[$"col{i++}"] = value;
            }

            return (object?)row;
        });

    public static Gen<DataChunk> Chunk() =>
        from created in ArbMap.Default.GeneratorFor<DateTime>()
        from records in Gen.ListOf(Record())
        select Build(created, records);

    private static Gen<(string Name, object? Value, string ContentType, Dictionary<string, string> Options)> Record() =>
        from name in Text()
        from value in Value()
        from contentType in Gen.Elements("other", "tabular", "image", "audio", "depth")
        from options in Gen.ListOf(Gen.Zip(Text(), Text()))
        select (name, value, contentType, options.DistinctBy(o => o.Item1).Where(o => o.Item1.Length > 0).ToDictionary(o => o.Item1, o => o.Item2));

    private static DataChunk Build(DateTime created, IEnumerable<(string Name, object? Value, string ContentType, Dictionary<string, string> Options)> records)
    {
        var chunk = new DataChunk(new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)));
        var i = 0;
        foreach (var record in records)
        {
            chunk.Add(new DataRecord(
                $"r{i++}{record.Name}",
                record.Value,
                new ContentType(record.ContentType),
                i % 2 == 0 ? chunk.Created : DateTimeOffset.UnixEpoch.AddTicks(i),
                record.Options.Count == 0 ? null : record.Options));
        }

        return chunk;
    }

    private static Gen<object?> Box<T>() => ArbMap.Default.GeneratorFor<T>().Select(v => (object?)v);

    private static Gen<object?> Array<T>() => Gen.ArrayOf(ArbMap.Default.GeneratorFor<T>()).Select(v => (object?)v);
}
