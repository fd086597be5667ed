using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Resolution;

/// <summary>Substitutions: lookups against the root, include-point prefixes and environment variables.</summary>
internal sealed partial class HoconResolver
{
    /// <summary>
    /// Resolves <c>${path}</c>: the include point's path first (for included files), then the root,
    /// then an environment variable of the same name, since a key set in the config (even to null) wins.
    /// </summary>
    /// <param name="substitution">The substitution.</param>
    /// <returns>The value, or <see langword="null"/> when an optional substitution is undefined.</returns>
    private HoconValue? ResolveSubstitution(SubstitutionNode substitution)
    {
        var savedHidden = hiddenByCycle;
        hiddenByCycle = false;
        chain.Add(substitution);
        try
        {
            HoconValue? value;
            try
            {
                value = Lookup(substitution);
            }
            catch (ResolutionCycleException) when (substitution.Optional)
            {
                return null;
            }
            catch (ResolutionCycleException e)
            {
                throw new HoconException(substitution.Origin, HoconMessages.Cycle(substitution.Display, HoconPath.Render(e.Field.Path), DescribeChain()));
            }

            if (value is not null)
            {
                return value;
            }

            var name = string.Join('.', substitution.Path);
            if (options.GetEnvironmentVariable(name) is { } environment)
            {
                return new HoconScalar(HoconValueType.String, environment, substitution.Origin);
            }

            if (substitution.Optional)
            {
                return null;
            }

            if (hiddenByCycle)
            {
                throw new HoconException(
                    substitution.Origin,
                    HoconMessages.SelfReferenceWithoutEarlierValue(substitution.Display, HoconPath.Render(substitution.Path), DescribeChain()));
            }

            var looked = substitution.Prefix.Count > 0
                ? $"'{HoconPath.Render([.. substitution.Prefix, .. substitution.Path])}' and '{HoconPath.Render(substitution.Path)}' are"
                : $"'{HoconPath.Render(substitution.Path)}' is";
            throw new HoconException(
                substitution.Origin,
                HoconMessages.SubstitutionMissing(substitution.Display, looked, name, HoconPath.Render(substitution.Path)));
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
            hiddenByCycle = savedHidden;
        }
    }

    /// <summary>Describes the substitutions being resolved, outermost first.</summary>
    /// <returns>E.g. <c>${b} -> ${a}</c>.</returns>
    private string DescribeChain() => string.Join(" -> ", chain.Select(s => s.Display));

    /// <summary>Looks a substitution's path up in the document.</summary>
    /// <param name="substitution">The substitution.</param>
    /// <returns>The value, or <see langword="null"/> when the document does not set it.</returns>
    private HoconValue? Lookup(SubstitutionNode substitution)
    {
        if (substitution.Prefix.Count > 0)
        {
            if (LookupInObject(root, [.. substitution.Prefix, .. substitution.Path], 0, out _) is { } prefixed)
            {
                return prefixed;
            }

            if (!substitution.FallbackToRoot)
            {
                return null;
            }
        }

        return LookupInObject(root, substitution.Path, 0, out _);
    }

    /// <summary>Looks <c>path[at..]</c> up in an object literal.</summary>
    /// <param name="node">The object literal.</param>
    /// <param name="path">The full path.</param>
    /// <param name="at">The first element still to look up.</param>
    /// <param name="shadowed">Set when a non-object sits on the path, hiding older definitions too.</param>
    /// <returns>The value, or <see langword="null"/> when not set.</returns>
    private HoconValue? LookupInObject(ObjectNode node, IReadOnlyList<string> path, int at, out bool shadowed)
    {
        shadowed = false;
        return node.TryGetField(path[at], out var field) ? LookupInField(field, path, at + 1, out shadowed) : null;
    }

    /// <summary>
    /// Looks <c>path[at..]</c> up below a field, descending into object literals without resolving their
    /// other fields, so <c>a = { x = 1, y = ${a.x} }</c> is no cycle.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="path">The full path.</param>
    /// <param name="at">The first element still to look up (past the end means the field itself).</param>
    /// <param name="shadowed">Set when a non-object sits on the path, hiding older definitions too.</param>
    /// <returns>The value, or <see langword="null"/> when not set.</returns>
    private HoconValue? LookupInField(FieldStack field, IReadOnlyList<string> path, int at, out bool shadowed)
    {
        shadowed = false;
        var visible = Visible(field);
        if (at == path.Count)
        {
            var whole = ResolveField(field);
            hiddenByCycle |= whole is null && visible < field.Layers.Count;
            return whole;
        }

        HoconValue? result = null;
        for (var i = visible - 1; i >= 0; i--)
        {
            HoconValue? found;
            bool childShadowed;
            if (field.Layers[i] is ObjectNode literal)
            {
                found = LookupInObject(literal, path, at, out childShadowed);
            }
            else
            {
                var value = ResolveLayer(field, i);
                if (value is null)
                {
                    continue;
                }

                if (value is not HoconObject obj)
                {
                    shadowed = result is null;
                    break;
                }

                found = LookupInValue(obj, path, at, out childShadowed);
            }

            if (found is null)
            {
                if (childShadowed)
                {
                    shadowed = result is null;
                    break;
                }

                continue;
            }

            if (result is null)
            {
                result = found;
            }
            else if (found is HoconObject lower)
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

        hiddenByCycle |= result is null && visible < field.Layers.Count;
        return result;
    }

    /// <summary>Looks <c>path[at..]</c> up in an already resolved value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The full path.</param>
    /// <param name="at">The first element still to look up.</param>
    /// <param name="shadowed">Set when a non-object sits on the path.</param>
    /// <returns>The value, or <see langword="null"/> when not set.</returns>
    private static HoconValue? LookupInValue(HoconValue value, IReadOnlyList<string> path, int at, out bool shadowed)
    {
        shadowed = false;
        for (var i = at; i < path.Count; i++)
        {
            if (value is not HoconObject obj)
            {
                shadowed = true;
                return null;
            }

            if (!obj.TryGetValue(path[i], out var child))
            {
                return null;
            }

            value = child;
        }

        return value;
    }
}
