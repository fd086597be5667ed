using System.Diagnostics.CodeAnalysis;
using Chimera.Wire.Codecs;

namespace Chimera.Wire;

/// <summary>
/// The codecs a process uses to put record values on the wire, found by tag when decoding and by record when
/// encoding. It starts with Chimera's built-ins (null, primitives, strings, date and time types, byte and numeric
/// arrays, tabular rows, and a JSON fallback for anything else); media packages and users add theirs with
/// <see cref="Register"/>.
/// </summary>
/// <remarks>
/// <para>Encoding picks, in order: a registered codec whose <see cref="IValueCodec.CanEncode"/> accepts the record
/// (in registration order, so a user codec can claim a type before the built-ins), then the built-in codec for the
/// value's exact type, then the tabular codec, then JSON. Both ends must register the same codecs under the same tags.</para>
/// <para>Registering is thread-safe and meant for start-up; lookups never lock.</para>
/// </remarks>
public sealed class ValueCodecRegistry
{
    /// <summary>Serializes <see cref="Register"/> calls.</summary>
    private readonly Lock _gate = new();

    /// <summary>Every codec by tag; replaced, never mutated, so readers need no lock.</summary>
    private IValueCodec?[] _byTag = new IValueCodec?[256];

    /// <summary>Codecs added through <see cref="Register"/>, asked first; replaced, never mutated.</summary>
    private IValueCodec[] _registered = [];

    /// <summary>Built-in codecs by the exact value type they encode.</summary>
    private readonly Dictionary<Type, IValueCodec> _byType = [];

    /// <summary>The null codec.</summary>
    private readonly IValueCodec _null;

    /// <summary>The tabular row codec.</summary>
    private readonly IValueCodec _tabular;

    /// <summary>The JSON fallback codec.</summary>
    private readonly IValueCodec _json;

    /// <summary>Creates a registry with the built-in codecs and the default caps.</summary>
    public ValueCodecRegistry()
        : this(new WireSettings())
    {
    }

    /// <summary>Creates a registry with the built-in codecs, whose tabular and JSON codecs use the caps of <paramref name="settings"/>.</summary>
    public ValueCodecRegistry(WireSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _null = new ScalarCodec(WireTags.Null, null);
        _tabular = new TabularCodec(settings);
        _json = new JsonValueCodec(settings);
        AddBuiltIn(_null);
        AddScalar<bool>(WireTags.Boolean);
        AddScalar<byte>(WireTags.Byte);
        AddScalar<sbyte>(WireTags.SByte);
        AddScalar<short>(WireTags.Int16);
        AddScalar<ushort>(WireTags.UInt16);
        AddScalar<int>(WireTags.Int32);
        AddScalar<uint>(WireTags.UInt32);
        AddScalar<long>(WireTags.Int64);
        AddScalar<ulong>(WireTags.UInt64);
        AddScalar<float>(WireTags.Single);
        AddScalar<double>(WireTags.Double);
        AddScalar<decimal>(WireTags.Decimal);
        AddScalar<char>(WireTags.Char);
        AddScalar<string>(WireTags.String);
        AddScalar<DateTime>(WireTags.DateTime);
        AddScalar<DateTimeOffset>(WireTags.DateTimeOffset);
        AddScalar<TimeSpan>(WireTags.TimeSpan);
        AddScalar<Guid>(WireTags.Guid);
        AddArray<byte>(WireTags.ByteArray);
        AddArray<int>(WireTags.Int32Array);
        AddArray<long>(WireTags.Int64Array);
        AddArray<float>(WireTags.SingleArray);
        AddArray<double>(WireTags.DoubleArray);
        AddArray<short>(WireTags.Int16Array);
        AddArray<ushort>(WireTags.UInt16Array);
        AddArray<uint>(WireTags.UInt32Array);
        AddArray<ulong>(WireTags.UInt64Array);
        AddArray<sbyte>(WireTags.SByteArray);
        AddArray<bool>(WireTags.BooleanArray);
        AddBuiltIn(new Chimera.Media.ImageValueCodec(), typeof(Chimera.Media.ImageFrame));
        AddBuiltIn(_tabular);
        AddBuiltIn(_json);
    }

    /// <summary>The process-wide registry the runtime uses unless told otherwise; media packages register their codecs here.</summary>
    public static ValueCodecRegistry Default { get; } = new();

    /// <summary>Adds a codec.</summary>
    /// <param name="codec">The codec; its <see cref="IValueCodec.Tag"/> must not be taken yet. Tags 0-127 are Chimera's (40 is the built-in image codec: JPEG by default, PNG or raw per record option <c>codec</c>); use 128-255 for your own.</param>
    /// <exception cref="ArgumentException">Another codec already has the tag.</exception>
    public void Register(IValueCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        lock (_gate)
        {
            var existing = _byTag[codec.Tag];
            if (existing is not null)
            {
                throw new ArgumentException(WireMessages.DuplicateTag(codec.Tag, existing, codec), nameof(codec));
            }

            var byTag = (IValueCodec?[])_byTag.Clone();
            byTag[codec.Tag] = codec;
            _registered = [.. _registered, codec];
            _byTag = byTag;
        }
    }

    /// <summary>Finds the codec for a tag read from the wire.</summary>
    public bool TryGetCodec(byte tag, [NotNullWhen(true)] out IValueCodec? codec)
    {
        codec = Volatile.Read(ref _byTag)[tag];
        return codec is not null;
    }

    /// <summary>Picks the codec that encodes a record; never fails, because JSON takes anything.</summary>
    public IValueCodec GetCodec(DataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var codec in Volatile.Read(ref _registered))
        {
            if (codec.CanEncode(record))
            {
                return codec;
            }
        }

        var value = record.Value;
        if (value is null)
        {
            return _null;
        }

        if (_byType.TryGetValue(value.GetType(), out var builtIn))
        {
            return builtIn;
        }

        return _tabular.CanEncode(record) ? _tabular : _json;
    }

    /// <summary>Adds the codec for a scalar type.</summary>
    private void AddScalar<T>(byte tag) => AddBuiltIn(new ScalarCodec(tag, typeof(T)), typeof(T));

    /// <summary>Adds the codec for arrays and memories of a numeric type.</summary>
    private void AddArray<T>(byte tag)
        where T : unmanaged
    {
        var codec = new NumericArrayCodec<T>(tag);
        AddBuiltIn(codec, typeof(T[]), typeof(ReadOnlyMemory<T>), typeof(Memory<T>), typeof(ArraySegment<T>));
    }

    /// <summary>Adds a built-in codec under its tag and the exact types it serves.</summary>
    private void AddBuiltIn(IValueCodec codec, params ReadOnlySpan<Type> types)
    {
        _byTag[codec.Tag] = codec;
        foreach (var type in types)
        {
            _byType[type] = codec;
        }
    }
}
