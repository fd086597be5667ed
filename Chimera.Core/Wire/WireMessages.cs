using System.Globalization;

namespace Chimera.Wire;

/// <summary>
/// Every message the wire codec puts in an exception, in one place so tests can assert them and wording stays
/// consistent: each says what was wrong, quotes the value and the limit, and names the setting to change.
/// </summary>
internal static class WireMessages
{
    /// <summary>A setting was given a value outside its range.</summary>
    public static string SettingOutOfRange(string key, int value, int min, int max) =>
        Invariant($"chimera.wire.{key} = {value} is invalid; expected an integer from {min:N0} to {max:N0}.");

    /// <summary>A length-prefixed field is longer than its cap.</summary>
    public static string FieldTooLong(string field, long length, int cap, string key) =>
        Invariant($"The {field} of {length} bytes exceeds the limit of {cap} bytes (chimera.wire.{key}).");

    /// <summary>A counted list has more items than its cap.</summary>
    public static string TooMany(string what, long count, int cap, string key) =>
        Invariant($"{count} {what} exceed the limit of {cap} (chimera.wire.{key}).");

    /// <summary>A payload ended in the middle of a field.</summary>
    public static string Truncated(string field, string what) =>
        $"The {what} ends in the middle of its {field}: the payload is truncated or a length in it is wrong.";

    /// <summary>A payload has bytes after its last field.</summary>
    public static string TrailingBytes(long count, string what) =>
        Invariant($"The {what} has {count} unexpected bytes after its last field.");

    /// <summary>The first byte of a frame is not the Chimera magic byte.</summary>
    public static string BadMagic(byte value) =>
        Invariant($"Frame starts with 0x{value:X2} instead of the Chimera magic byte 0x{FrameHeader.Magic:X2}: the peer does not speak the Chimera data protocol.");

    /// <summary>A frame's protocol version is unknown.</summary>
    public static string UnknownVersion(byte value) =>
        Invariant($"Frame has protocol version {value} but this build speaks version {(byte)FrameHeader.CurrentVersion}: upgrade the older side so both run the same Chimera release.");

    /// <summary>A frame's type is unknown.</summary>
    public static string UnknownFrameType(byte value) =>
        Invariant($"Frame has unknown type {value}.");

    /// <summary>A frame has flag bits this build does not know.</summary>
    public static string UnknownFlags(byte value) =>
        Invariant($"Frame has unknown flags 0x{value:X2}.");

    /// <summary>A frame is larger than the maximum frame size.</summary>
    public static string FrameTooLarge(long length, int cap) =>
        Invariant($"Frame of {length} bytes exceeds the maximum frame size of {cap} bytes (chimera.wire.max-frame-size); larger payloads must be split into continuation frames.");

    /// <summary>An element (after reassembly) is larger than the maximum element size.</summary>
    public static string ElementTooLarge(long length, int cap) =>
        Invariant($"Element of {length} bytes exceeds the maximum element size of {cap} bytes (chimera.wire.max-element-size).");

    /// <summary>A chunk's last record declared a value shorter than the bytes its frames carried.</summary>
    public static string PlacedValueLong(long received, int declared) =>
        Invariant($"A chunk's last record declared a value of {declared} bytes, but its frames carried at least {received}.");

    /// <summary>A chunk's frames ended before its last record's value was complete.</summary>
    public static string PlacedValueShort(int received, int declared) =>
        Invariant($"A chunk's last record declared a value of {declared} bytes, but its frames ended after {received}.");

    /// <summary>An element being encoded cannot fit in one .NET array.</summary>
    public static string ElementTooLargeToEncode(long length, int cap) =>
        Invariant($"Element of at least {length} bytes cannot be encoded: the limit is {cap} bytes.");

    /// <summary>A continuation frame arrived with no message to continue.</summary>
    public const string UnexpectedContinuation =
        "Continuation frame arrived without a preceding frame flagged 'More'.";

    /// <summary>A new message started before the previous chunked one finished.</summary>
    public static string ExpectedContinuation(FrameType type) =>
        $"A {type} frame arrived while a chunked message was still incomplete; expected a Continuation frame.";

    /// <summary>A continuation frame has a different sequence number than the message it continues.</summary>
    public static string ContinuationSequenceMismatch(long expected, long actual) =>
        Invariant($"Continuation frame has sequence {actual} but the message it continues has sequence {expected}.");

    /// <summary>A frame flagged 'More' has no payload, which could only make a peer loop.</summary>
    public const string EmptyChunkedFrame = "Frame flagged 'More' carries no payload.";

    /// <summary>A record header or payload is malformed.</summary>
    public static string BadRecord(string name, string reason) => $"Record '{name}' is malformed: {reason}";

    /// <summary>No codec is registered for a tag.</summary>
    public static string UnknownCodec(byte tag, string record) =>
        Invariant($"Record '{record}' uses codec tag {tag}, which is not registered here. Register the same codec on both ends (the image codec, for example, comes with the media package).");

    /// <summary>A codec threw something other than <see cref="WireFormatException"/> while decoding.</summary>
    public static string CodecFailed(byte tag, string record, Exception error) =>
        Invariant($"Codec {tag} could not decode record '{record}': {error.GetType().Name}: {error.Message}");

    /// <summary>A codec threw while encoding.</summary>
    public static string EncodeFailed(string record, string valueType, Exception error) =>
        $"Record '{record}' ({valueType}) could not be encoded: {error.GetType().Name}: {error.Message}";

    /// <summary>A payload has the wrong length for a fixed-size value.</summary>
    public static string WrongLength(string what, long actual, int expected) =>
        Invariant($"A {what} value must be {expected} bytes, not {actual}.");

    /// <summary>A payload is not a whole number of array elements.</summary>
    public static string NotWholeElements(string what, long length, int elementSize) =>
        Invariant($"A {what} payload of {length} bytes is not a whole number of {elementSize}-byte elements.");

    /// <summary>A value is outside the range of its type.</summary>
    public static string InvalidValue(string what, string reason) => $"Invalid {what} value: {reason}";

    /// <summary>Two codecs claim one tag.</summary>
    public static string DuplicateTag(byte tag, IValueCodec existing, IValueCodec added) =>
        Invariant($"Codec tag {tag} is already taken by {existing.GetType().FullName}; {added.GetType().FullName} needs another tag. Tags 0-127 are reserved for Chimera; pick one from 128 to 255.");

    /// <summary>A name, such as a record or content type name, is empty.</summary>
    public static string EmptyName(string field) => $"The {field} is empty.";

    /// <summary>A name appears twice in a chunk or a row.</summary>
    public static string DuplicateName(string field, string name) => $"The {field} '{name}' appears twice.";

    /// <summary>A timestamp is outside the range of <see cref="DateTime"/>.</summary>
    public static string BadTimestamp(string field, long ticks) =>
        Invariant($"The {field} timestamp {ticks} is outside the range of DateTime ticks.");

    /// <summary>Formats with the invariant culture so messages do not change with the machine's locale.</summary>
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
