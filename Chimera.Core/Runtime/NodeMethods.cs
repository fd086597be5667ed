using System.Reflection;
using System.Text.Json;

namespace Chimera.Runtime;

/// <summary>Finds and calls a node's <see cref="NodeMethodAttribute"/> methods with JSON arguments.</summary>
internal static class NodeMethods
{
    /// <summary>Whether instances of the type need a step gate (they have a method that must not overlap a step).</summary>
    public static bool NeedsGate(Type nodeType) =>
        nodeType.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.GetCustomAttribute<NodeMethodAttribute>() is { Concurrent: false });

    public static (MethodInfo Method, NodeMethodAttribute Attribute) Find(Type nodeType, string nodeName, string method)
    {
        var candidates = nodeType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<NodeMethodAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToList();
        var found = candidates.FirstOrDefault(p => string.Equals(p.Method.Name, method, StringComparison.OrdinalIgnoreCase));
        if (found.Method is null)
        {
            throw new KeyNotFoundException(
                $"Node '{nodeName}' ({nodeType.Name}) has no registered method '{method}'. Registered: {(candidates.Count == 0 ? "none (mark public methods with [NodeMethod])" : string.Join(", ", candidates.Select(c => c.Method.Name)))}.");
        }

        return (found.Method, found.Attribute!);
    }

    /// <summary>Calls the method on one node instance and returns its result as JSON (null for void).</summary>
    public static async Task<JsonElement?> InvokeAsync(Node node, MethodInfo method, JsonElement? arguments, CancellationToken cancellationToken)
    {
        var parameters = method.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                values[i] = cancellationToken;
                continue;
            }

            JsonElement? argument = null;
            if (arguments is { ValueKind: JsonValueKind.Object } obj)
            {
                foreach (var property in obj.EnumerateObject())
                {
                    if (string.Equals(property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        argument = property.Value;
                    }
                }
            }
            else if (arguments is { ValueKind: JsonValueKind.Array } array && i < array.GetArrayLength())
            {
                argument = array[i];
            }

            if (argument is null)
            {
                if (!parameter.HasDefaultValue)
                {
                    throw new ArgumentException($"Method '{method.Name}' of node '{node.Name}' needs argument '{parameter.Name}' ({parameter.ParameterType.Name}).");
                }

                values[i] = parameter.DefaultValue;
                continue;
            }

            try
            {
                values[i] = argument.Value.Deserialize(parameter.ParameterType, NodeConfiguration.JsonOptions);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"Argument '{parameter.Name}' of method '{method.Name}' on node '{node.Name}' expects {parameter.ParameterType.Name}: {ex.Message}", ex);
            }
        }

        object? result;
        try
        {
            result = method.Invoke(node, values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"Method '{method.Name}' of node '{node.Name}' threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
        }

        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            result = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }
        else if (result is ValueTask valueTask)
        {
            await valueTask.ConfigureAwait(false);
            result = null;
        }

        if (method.ReturnType == typeof(void) || result is null)
        {
            return null;
        }

        return JsonSerializer.SerializeToElement(result, result.GetType(), NodeConfiguration.JsonOptions);
    }
}
