using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ImageExport.Local.Stack.Serverless;

/// <summary>
/// Typed reads of serverless.yml fields with <c>${env:…}</c> substitution; a field of the wrong shape is a
/// <see cref="FormatException"/> naming it. Every scalar goes through the given <see cref="EnvReferences"/>.
/// </summary>
internal sealed class YamlFields(EnvReferences env)
{
    public YamlMappingNode? Mapping(YamlMappingNode parent, string key, string where) =>
        Child(parent, key) switch
        {
            null => null,
            YamlMappingNode mapping => mapping,
            YamlScalarNode { Value: null or "" } => null,
            _ => throw new FormatException($"{where} must be a mapping"),
        };

    public string? Scalar(YamlMappingNode parent, string key, string where) =>
        Child(parent, key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value is null || IsNull(scalar) ? null : env.Resolve(scalar.Value),
            _ => throw new FormatException($"{where} must be a single value"),
        };

    public int? Int(YamlMappingNode parent, string key, string where)
    {
        var text = Scalar(parent, key, where);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{where} must be a positive whole number, not '{text}'");
    }

    /// <summary>
    /// <c>enable</c> as the framework reads it: on only when YAML says true (a missing value means a trigger that is
    /// created closed).
    /// </summary>
    public bool Enabled(YamlMappingNode parent, string where) =>
        Scalar(parent, "enable", where) is { } text && text.Trim() is "true" or "True" or "TRUE";

    public string Events(YamlMappingNode parent, string where) =>
        Child(parent, "events") switch
        {
            null => throw new FormatException($"{where} is missing"),
            YamlScalarNode { Value: { Length: > 0 } value } => env.Resolve(value),
            YamlSequenceNode { Children: [YamlScalarNode { Value: { Length: > 0 } single }] } => env.Resolve(single),
            _ => throw new FormatException($"{where} must be one event such as 'cos:ObjectCreated:*'"),
        };

    public List<KeyValuePair<string, string>> Environments(YamlMappingNode parent, string where)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        switch (Child(parent, "environments"))
        {
            case null:
                return pairs;
            case YamlSequenceNode list:
                var index = 0;
                foreach (var node in list.Children)
                {
                    var at = $"{where}[{index++}]";
                    if (node is not YamlMappingNode entry)
                    {
                        throw new FormatException($"{at} must be a mapping with key and value");
                    }

                    var key = Scalar(entry, "key", at + ".key");
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        throw new FormatException($"{at}.key is missing");
                    }

                    if (pairs.Any(p => p.Key == key))
                    {
                        throw new FormatException($"{at}.key '{key}' appears twice");
                    }

                    pairs.Add(new(key.Trim(), Scalar(entry, "value", at + ".value") ?? ""));
                }

                return pairs;
            default:
                throw new FormatException($"{where} must be a list of key/value entries");
        }
    }

    private static YamlNode? Child(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    // A plain `~` or `null` is YAML's null; a quoted one is the text.
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL";
}
