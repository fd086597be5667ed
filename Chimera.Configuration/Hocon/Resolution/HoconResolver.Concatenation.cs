using System.Text;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Resolution;

/// <summary>Value concatenation: strings join, arrays append, objects merge, anything else mixed is an error.</summary>
internal sealed partial class HoconResolver
{
    /// <summary>
    /// Resolves a concatenation. Undefined optional substitutions vanish; unquoted whitespace is kept between
    /// strings and dropped between arrays or objects.
    /// </summary>
    /// <param name="concatenation">The concatenation.</param>
    /// <returns>The value, or <see langword="null"/> when every part is undefined.</returns>
    private HoconValue? ResolveConcatenation(ConcatenationNode concatenation)
    {
        var parts = new List<(SyntaxNode Node, HoconValue? Value)>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            if (part is ScalarNode { Kind: ScalarKind.Whitespace })
            {
                parts.Add((part, null));
            }
            else if (ResolveNode(part) is { } value)
            {
                parts.Add((part, value));
            }
        }

        var values = parts.Where(p => p.Value is not null).Select(p => p.Value!).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && values[0] is HoconObject or HoconArray)
        {
            return values[0];
        }

        if (values.Any(v => v is HoconObject or HoconArray))
        {
            if (values.Any(v => v is HoconArray))
            {
                // The specification converts numerically-keyed objects to arrays where an array is expected.
                values = [.. values.Select(v => v is HoconObject obj && AsNumberedList(obj) is { } list ? list : v)];
            }

            var first = values[0];
            if (values.FirstOrDefault(v => v.Type != first.Type) is { } mismatch)
            {
                var field = fields.Count > 0 ? HoconPath.Render(fields[^1].Path) : null;
                throw new HoconException(mismatch.Origin, HoconMessages.CannotConcatenate(Describe(first), Describe(mismatch), field));
            }

            if (first is HoconArray)
            {
                return new HoconArray([.. values.Cast<HoconArray>().SelectMany(a => a)], concatenation.Origin);
            }

            var merged = (HoconObject)first;
            foreach (var next in values.Skip(1).Cast<HoconObject>())
            {
                merged = Merge(next, merged);
            }

            return merged;
        }

        var text = new StringBuilder();
        foreach (var (node, value) in parts)
        {
            text.Append(value is null ? ((ScalarNode)node).Text : ((HoconScalar)value).Text);
        }

        return new HoconScalar(HoconValueType.String, text.ToString(), concatenation.Origin);
    }

    /// <summary>Reads an object whose keys are integers as an array sorted by key (other keys ignored).</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The array, or <see langword="null"/> when no key is an integer.</returns>
    private static HoconArray? AsNumberedList(HoconObject obj)
    {
        var numbered = obj
            .Select(kv => (Ok: int.TryParse(kv.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i), Index: i, kv.Value))
            .Where(x => x.Ok)
            .OrderBy(x => x.Index)
            .Select(x => x.Value)
            .ToList();
        return numbered.Count > 0 ? new HoconArray(numbered, obj.Origin) : null;
    }

    /// <summary>Describes a value for concatenation errors.</summary>
    /// <param name="value">The value.</param>
    /// <returns>E.g. <c>an array</c> or <c>the string "x"</c>.</returns>
    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconScalar { Type: HoconValueType.String } s => $"the string \"{s.Text}\"",
        HoconScalar s => $"the {s.Type.ToString().ToLowerInvariant()} {s.Text}",
        _ => value.Type.ToString(),
    };
}
