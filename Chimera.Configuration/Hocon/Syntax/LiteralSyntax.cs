namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>Turns resolved values back into literals, so a resolved config can serve as a fallback layer.</summary>
internal static class LiteralSyntax
{
    /// <summary>Builds the literal for a value.</summary>
    /// <param name="value">The resolved value.</param>
    /// <param name="path">The value's full path, for field stacks.</param>
    /// <returns>An equivalent literal with no substitutions.</returns>
    public static SyntaxNode FromValue(HoconValue value, IReadOnlyList<string> path)
    {
        switch (value)
        {
            case HoconObject obj:
                var node = new ObjectNode(path, obj.Origin);
                foreach (var (key, child) in obj)
                {
                    node.Add(key, FromValue(child, [.. path, key]));
                }

                return node;
            case HoconArray array:
                return new ArrayNode([.. array.Select(e => FromValue(e, path))], array.Origin);
            case HoconScalar scalar:
                var kind = scalar.Type switch
                {
                    HoconValueType.Number => ScalarKind.Number,
                    HoconValueType.Boolean => ScalarKind.Boolean,
                    HoconValueType.Null => ScalarKind.Null,
                    _ => ScalarKind.QuotedString,
                };
                return new ScalarNode(kind, scalar.Text, scalar.Origin);
            default:
                throw new InvalidOperationException($"Unknown value {value.GetType().Name}.");
        }
    }
}
