using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Resolution;

/// <summary>
/// Resolves a parsed tree into values. Fields resolve lazily and are cached, so forward references work;
/// while a potentially self-referential definition resolves, it and every later definition of the same
/// field are hidden from lookups (the specification's suggested implementation), so <c>${path}</c> sees
/// the value being replaced.
/// </summary>
internal sealed partial class HoconResolver
{
    /// <summary>The document's root.</summary>
    private readonly ObjectNode root;

    /// <summary>Where environment variables come from.</summary>
    private readonly HoconConfigOptions options;

    /// <summary>Fully resolved fields, filled only when no definition was hidden, since hiding changes results.</summary>
    private readonly Dictionary<FieldStack, HoconValue?> cache = [];

    /// <summary>For fields with hidden definitions, how many (oldest first) stay visible.</summary>
    private readonly Dictionary<FieldStack, int> ceilings = [];

    /// <summary>Fields being resolved, with how many definitions were visible, to detect cycles.</summary>
    private readonly HashSet<(FieldStack Field, int Visible)> fieldsInProgress = [];

    /// <summary>Single definitions being resolved, to detect cycles through partial lookups.</summary>
    private readonly HashSet<(FieldStack Field, int Layer)> layersInProgress = [];

    /// <summary>The substitutions being resolved, innermost last, to describe cycles.</summary>
    private readonly List<SubstitutionNode> chain = [];

    /// <summary>The fields being resolved, innermost last, to name the field in concatenation errors.</summary>
    private readonly List<FieldStack> fields = [];

    /// <summary>Set when a lookup came back empty because definitions were hidden (a self-reference with no earlier value).</summary>
    private bool hiddenByCycle;

    /// <summary>Creates a resolver for one tree.</summary>
    /// <param name="root">The document's root.</param>
    /// <param name="options">Where environment variables come from.</param>
    private HoconResolver(ObjectNode root, HoconConfigOptions options)
    {
        this.root = root;
        this.options = options;
    }

    /// <summary>Resolves every substitution in a parsed document.</summary>
    /// <param name="root">The document's root.</param>
    /// <param name="options">Where environment variables come from.</param>
    /// <returns>The resolved root object.</returns>
    public static HoconObject Resolve(ObjectNode root, HoconConfigOptions options) =>
        new HoconResolver(root, options).ResolveObject(root);

    /// <summary>Merges two objects: <paramref name="top"/> wins, nested objects merge recursively.</summary>
    /// <param name="top">The object defined later (or the primary config).</param>
    /// <param name="lower">The object defined earlier (or the fallback).</param>
    /// <returns>The merged object, keys of <paramref name="lower"/> first.</returns>
    public static HoconObject Merge(HoconObject top, HoconObject lower)
    {
        var merged = new List<KeyValuePair<string, HoconValue>>(lower.Count + top.Count);
        foreach (var (key, lowerValue) in lower)
        {
            if (!top.TryGetValue(key, out var topValue))
            {
                merged.Add(new(key, lowerValue));
            }
            else
            {
                merged.Add(new(key, topValue is HoconObject t && lowerValue is HoconObject l ? Merge(t, l) : topValue));
            }
        }

        merged.AddRange(top.Where(kv => !lower.ContainsKey(kv.Key)));
        return new HoconObject(merged, top.Origin);
    }

    /// <summary>Resolves an object literal field by field, dropping fields that are undefined.</summary>
    /// <param name="node">The literal.</param>
    /// <returns>The object.</returns>
    private HoconObject ResolveObject(ObjectNode node)
    {
        var resolved = new List<KeyValuePair<string, HoconValue>>(node.Keys.Count);
        foreach (var key in node.Keys)
        {
            if (ResolveField(node[key]) is { } value)
            {
                resolved.Add(new(key, value));
            }
        }

        return new HoconObject(resolved, node.Origin);
    }

    /// <summary>How many of a field's definitions are visible (all, unless a self-reference hides some).</summary>
    /// <param name="field">The field.</param>
    /// <returns>The count of visible definitions, oldest first.</returns>
    private int Visible(FieldStack field) => ceilings.TryGetValue(field, out var ceiling) ? ceiling : field.Layers.Count;

    /// <summary>
    /// Resolves a field from its newest visible definition down: objects merge with older objects until
    /// a non-object, and definitions that are undefined (<c>${?missing}</c>) let the older one show.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <returns>The value, or <see langword="null"/> when undefined.</returns>
    private HoconValue? ResolveField(FieldStack field)
    {
        var visible = Visible(field);
        // A value resolved with nothing hidden is the field's final value, so it serves every later lookup
        // (except while this very field is hidden); values computed while something is hidden are not kept.
        var cacheable = ceilings.Count == 0;
        if (visible == field.Layers.Count && cache.TryGetValue(field, out var cached))
        {
            return cached;
        }

        if (!fieldsInProgress.Add((field, visible)))
        {
            throw new ResolutionCycleException(field);
        }

        fields.Add(field);
        try
        {
            HoconValue? result = null;
            for (var i = visible - 1; i >= 0; i--)
            {
                var value = ResolveLayer(field, i);
                if (value is null)
                {
                    continue;
                }

                if (result is null)
                {
                    result = value;
                }
                else if (value is HoconObject lower)
                {
                    result = Merge((HoconObject)result, lower);
                }
                else
                {
                    break;
                }

                if (result is not HoconObject)
                {
                    break;
                }
            }

            if (cacheable)
            {
                cache[field] = result;
            }

            return result;
        }
        finally
        {
            fields.RemoveAt(fields.Count - 1);
            fieldsInProgress.Remove((field, visible));
        }
    }

    /// <summary>
    /// Resolves one definition of a field. A definition that is a substitution, or a concatenation with one,
    /// may refer to its own field, so while it resolves it and all newer definitions are hidden.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="layer">The index of the definition, oldest first.</param>
    /// <returns>The value, or <see langword="null"/> when undefined.</returns>
    private HoconValue? ResolveLayer(FieldStack field, int layer)
    {
        var node = field.Layers[layer];
        if (!layersInProgress.Add((field, layer)))
        {
            throw new ResolutionCycleException(field);
        }

        var selfReferential = node is SubstitutionNode or ConcatenationNode { HasDirectSubstitution: true };
        var hadCeiling = ceilings.TryGetValue(field, out var oldCeiling);
        if (selfReferential)
        {
            ceilings[field] = hadCeiling ? Math.Min(oldCeiling, layer) : layer;
        }

        try
        {
            return ResolveNode(node);
        }
        finally
        {
            if (selfReferential)
            {
                if (hadCeiling)
                {
                    ceilings[field] = oldCeiling;
                }
                else
                {
                    ceilings.Remove(field);
                }
            }

            layersInProgress.Remove((field, layer));
        }
    }

    /// <summary>Resolves any node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The value, or <see langword="null"/> when undefined.</returns>
    private HoconValue? ResolveNode(SyntaxNode node) => node switch
    {
        ObjectNode obj => ResolveObject(obj),
        ArrayNode array => new HoconArray([.. array.Elements.Select(ResolveNode).OfType<HoconValue>()], array.Origin),
        ScalarNode scalar => ToScalar(scalar),
        SubstitutionNode substitution => ResolveSubstitution(substitution),
        ConcatenationNode concatenation => ResolveConcatenation(concatenation),
        _ => throw new InvalidOperationException($"Unknown syntax node {node.GetType().Name}."),
    };

    /// <summary>Turns a literal into a value.</summary>
    /// <param name="scalar">The literal.</param>
    /// <returns>The value.</returns>
    private static HoconScalar ToScalar(ScalarNode scalar) => new(
        scalar.Kind switch
        {
            ScalarKind.Number => HoconValueType.Number,
            ScalarKind.Boolean => HoconValueType.Boolean,
            ScalarKind.Null => HoconValueType.Null,
            _ => HoconValueType.String,
        },
        scalar.Text,
        scalar.Origin);
}
