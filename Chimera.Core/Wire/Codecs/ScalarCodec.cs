using System.Buffers;

namespace Chimera.Wire.Codecs;

/// <summary>
/// The codec for one scalar type (or <see langword="null"/>), delegating the format to <see cref="ScalarEncoding"/>
/// so that standalone values and tabular cells are encoded alike.
/// </summary>
internal sealed class ScalarCodec : IValueCodec, IHeaderFreeDecoder
{
    /// <summary>The exact type this codec encodes, or <see langword="null"/> for the null codec.</summary>
    private readonly Type? _type;

    /// <summary>Creates the codec for values of exactly <paramref name="type"/> under <paramref name="tag"/>.</summary>
    public ScalarCodec(byte tag, Type? type)
    {
        Tag = tag;
        _type = type;
    }

    /// <inheritdoc />
    public byte Tag { get; }

    /// <summary>The exact type this codec encodes, or <see langword="null"/> for the null codec.</summary>
    public Type? ValueType => _type;

    /// <inheritdoc />
    public bool CanEncode(DataRecord record) =>
        _type is null ? record.Value is null : record.Value?.GetType() == _type;

    /// <inheritdoc />
    public void Encode(DataRecord record, IBufferWriter<byte> output) => ScalarEncoding.Write(Tag, record.Value, output);

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload, DataRecord record) => Decode(payload);

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload) => ScalarEncoding.Read(Tag, payload);

    /// <inheritdoc />
    public object? Decode(ReadOnlySpan<byte> payload) => ScalarEncoding.Read(Tag, payload);
}
