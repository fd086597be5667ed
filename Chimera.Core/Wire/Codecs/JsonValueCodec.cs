using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Chimera.Wire.Codecs;

/// <summary>
/// The fallback for values no other codec takes ("other" plain objects): the value's assembly-qualified type name,
/// then its System.Text.Json form. The receiver rebuilds the same type when an assembly of that name is already
/// loaded there (node assemblies shipped to the worker are); otherwise, or when the type cannot be deserialized, the
/// value arrives as a <see cref="JsonElement"/>.
/// </summary>
/// <remarks>
/// Types are looked up only among loaded assemblies, ignoring versions, so bytes from a peer never make this process
/// load an assembly. Deserializing runs a type's public constructor and setters, so only plain data types are rebuilt:
/// application types (outside the <c>System.*</c> and <c>Microsoft.*</c> assemblies), value types of the
/// <c>System</c> namespace, tuples, arrays and the generic collections, all with rebuildable type arguments. Any other
/// framework type (a stream, a process, a file) arrives as a <see cref="JsonElement"/>, so a peer cannot make this
/// process construct it.
/// </remarks>
internal sealed class JsonValueCodec : IValueCodec
{
    /// <summary>What errors call the payload.</summary>
    private const string What = "JSON value";

    /// <summary>The serializer options: fields included so tuples and field-only structs survive.</summary>
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General) { IncludeFields = true };

    /// <summary>Types already resolved by name; only successes are kept so a peer cannot grow this without bound.</summary>
    private static readonly ConcurrentDictionary<string, Type> s_resolved = new(StringComparer.Ordinal);

    /// <summary>Whether each resolved type may be rebuilt; bounded because only types that exist here are added.</summary>
    private static readonly ConcurrentDictionary<Type, bool> s_rebuildable = new();

    /// <summary>The cap on type name length.</summary>
    private readonly WireSettings _settings;

    /// <summary>Creates the codec with the caps of <paramref name="settings"/>.</summary>
    public JsonValueCodec(WireSettings settings) => _settings = settings;

    /// <inheritdoc />
    public byte Tag => WireTags.Json;

    /// <inheritdoc />
    public bool CanEncode(DataRecord record) => true;

    /// <inheritdoc />
    public void Encode(DataRecord record, IBufferWriter<byte> output)
    {
        var value = record.Value;
        var type = value?.GetType() ?? typeof(object);
        var name = value is JsonElement ? string.Empty : type.AssemblyQualifiedName ?? string.Empty;
        PayloadWriter.WriteString(output, name, "type name", _settings.MaxTypeNameLength, "max-type-name-length");
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, type, s_options);
    }

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload, DataRecord record)
    {
        var reader = new PayloadReader(payload, What);
        var name = reader.ReadString("type name", _settings.MaxTypeNameLength, "max-type-name-length");
        var json = reader.ReadRest();
        var type = name.Length == 0 ? null : Resolve(name);
        try
        {
            if (type is not null && type != typeof(object) && s_rebuildable.GetOrAdd(type, IsRebuildable))
            {
                try
                {
                    var jsonReader = new Utf8JsonReader(json);
                    return JsonSerializer.Deserialize(ref jsonReader, type, s_options);
                }
                catch (Exception error) when (error is NotSupportedException or InvalidOperationException or ArgumentException)
                {
                    // The type exists but cannot be rebuilt from JSON (no usable constructor, say): keep the data.
                }
            }

            var elementReader = new Utf8JsonReader(json);
            return JsonElement.ParseValue(ref elementReader);
        }
        catch (JsonException error)
        {
            throw new WireFormatException(WireMessages.InvalidValue(What, error.Message), error);
        }
    }

    /// <summary>Finds a type by assembly-qualified name among loaded assemblies, or returns <see langword="null"/>.</summary>
    private static Type? Resolve(string name)
    {
        if (s_resolved.TryGetValue(name, out var cached))
        {
            return cached;
        }

        Type? type;
        try
        {
            type = Type.GetType(name, FindLoadedAssembly, FindType, throwOnError: false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A name this process cannot parse or load is simply a type it does not have.
            type = null;
        }

        if (type is not null)
        {
            s_resolved.TryAdd(name, type);
        }

        return type;
    }

    /// <summary>Whether a type is plain data that may be constructed from a peer's JSON (see the remarks on this class).</summary>
    private static bool IsRebuildable(Type type)
    {
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 && IsRebuildable(type.GetElementType()!);
        }

        if (type == typeof(object))
        {
            // System.Text.Json fills object-typed members with JsonElement values; nothing else is constructed.
            return true;
        }

        if (type.IsPointer || type.IsByRef || type.IsAbstract || typeof(Delegate).IsAssignableFrom(type))
        {
            return false;
        }

        if (type.IsGenericType && !type.GetGenericArguments().All(IsRebuildable))
        {
            return false;
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        if (type.Assembly != typeof(object).Assembly
            && !assembly.StartsWith("System.", StringComparison.Ordinal)
            && !assembly.StartsWith("Microsoft.", StringComparison.Ordinal)
            && assembly is not ("System" or "mscorlib" or "netstandard"))
        {
            return true;
        }

        return type.Namespace switch
        {
            "System" => type.IsValueType || type == typeof(string) || type.Name.StartsWith("Tuple`", StringComparison.Ordinal),
            "System.Collections.Generic" or "System.Collections.ObjectModel" or "System.Collections.Immutable" => true,
            _ => type.IsEnum,
        };
    }

    /// <summary>Matches an assembly by simple name among those already loaded, never loading one.</summary>
    private static Assembly? FindLoadedAssembly(AssemblyName name)
    {
        var simpleName = name.Name;
        if (string.IsNullOrEmpty(simpleName))
        {
            return null;
        }

        // FullName is cached by the runtime ("Name, Version=..."); GetName() would allocate for every assembly.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var fullName = assembly.FullName;
            if (fullName is not null && fullName.Length > simpleName.Length && fullName[simpleName.Length] == ','
                && fullName.StartsWith(simpleName, StringComparison.Ordinal))
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>Finds a type in the given assembly, or in the core library when the name has no assembly.</summary>
    private static Type? FindType(Assembly? assembly, string name, bool ignoreCase) =>
        assembly is null ? typeof(object).Assembly.GetType(name, false, ignoreCase) : assembly.GetType(name, false, ignoreCase);
}
