using System.Collections.Concurrent;

namespace Chimera;

/// <summary>
/// Infers a record's content type from its value when the caller gives none. Media types (images, audio blocks)
/// register themselves here so that <c>chunk.Add("frame", image)</c> is enough.
/// </summary>
public static class ContentTypes
{
    /// <summary>The registrations, by the type registered.</summary>
    private static readonly ConcurrentDictionary<Type, ContentType> s_registered = new();

    /// <summary>
    /// What <see cref="Infer"/> answered per exact value type, so a hot source pays one lookup per element instead of a
    /// walk up the base types and interface casts (costly for arrays). Cleared by <see cref="Register"/>.
    /// </summary>
    private static readonly ConcurrentDictionary<Type, ContentType> s_inferred = new();

    /// <summary>Orders registrations with the filling of <see cref="s_inferred"/>, so a registration is never hidden by an answer computed before it.</summary>
    private static readonly Lock s_gate = new();

    /// <summary>Declares that values of <paramref name="valueType"/> (and its subclasses) are of <paramref name="contentType"/>.</summary>
    public static void Register(Type valueType, ContentType contentType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        lock (s_gate)
        {
            s_registered[valueType] = contentType;
            s_inferred.Clear();
        }
    }

    /// <summary>Returns the content type a value would get if added without one.</summary>
    public static ContentType Infer(object? value)
    {
        if (value is null)
        {
            return ContentType.Other;
        }

        var valueType = value.GetType();
        if (s_inferred.TryGetValue(valueType, out var known))
        {
            return known;
        }

        lock (s_gate)
        {
            var inferred = InferUncached(value, valueType);
            s_inferred.TryAdd(valueType, inferred);
            return inferred;
        }
    }

    /// <summary>The registered type of the nearest registered base type; else tabular for string-keyed dictionaries, else other.</summary>
    private static ContentType InferUncached(object value, Type valueType)
    {
        for (var type = valueType; type is not null; type = type.BaseType)
        {
            if (s_registered.TryGetValue(type, out var registered))
            {
                return registered;
            }
        }

        return value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>
            ? ContentType.Tabular
            : ContentType.Other;
    }
}
