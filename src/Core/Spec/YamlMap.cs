using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace LrCluster.Core.Spec;

/// <summary>
/// A YAML mapping read field by field: every read records the key as known, range checks report
/// through <see cref="SpecErrors"/> with the node's line, and <see cref="RejectUnknown"/> turns any
/// key nobody asked for into an error (a typo must not be silently ignored).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = [];

    public YamlMap(YamlMappingNode node, string path, SpecErrors errors)
    {
        _node = node;
        Path = path;
        Errors = errors;
    }

    public string Path { get; }

    public SpecErrors Errors { get; }

    public int Line => (int)_node.Start.Line;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        return Find(key);
    }

    public int LineOf(string key) => (int)(Find(key)?.Start.Line ?? _node.Start.Line);

    public string? String(string key, bool required = false, IReadOnlyList<string>? allowed = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Errors.Add(Line, Join(Path, key), "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), "must be a text value");
            return null;
        }

        if (allowed is not null && !allowed.Contains(scalar.Value, StringComparer.Ordinal))
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), $"'{scalar.Value}' is not allowed; allowed: {string.Join(", ", allowed)}");
            return null;
        }

        return scalar.Value;
    }

    public double? Double(string key, double min, double max, bool required = false, bool minExclusive = false)
    {
        var text = Scalar(key, required, "a number");
        if (text is null)
        {
            return null;
        }

        var line = LineOf(key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add(line, Join(Path, key), $"'{text}' is not a number");
            return null;
        }

        if (!double.IsFinite(value))
        {
            Errors.Add(line, Join(Path, key), $"must be finite, got {text}");
            return null;
        }

        var tooLow = minExclusive ? value <= min : value < min;
        if (tooLow || value > max)
        {
            var low = minExclusive ? $"> {Format(min)}" : $">= {Format(min)}";
            Errors.Add(line, Join(Path, key), $"{Format(value)} is out of range; allowed: {low} and <= {Format(max)}");
            return null;
        }

        return value;
    }

    public int? Int(string key, int min, int max, bool required = false)
    {
        var text = Scalar(key, required, "a whole number");
        if (text is null)
        {
            return null;
        }

        var line = LineOf(key);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add(line, Join(Path, key), $"'{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            Errors.Add(line, Join(Path, key), $"{value} is out of range; allowed: {min} to {max}");
            return null;
        }

        return (int)value;
    }

    public bool? Bool(string key)
    {
        var text = Scalar(key, false, "true or false");
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return text == "true";
        }

        Errors.Add(LineOf(key), Join(Path, key), $"'{text}' is not allowed; allowed: true, false");
        return null;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Errors.Add(Line, Join(Path, key), "is required");
            }

            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), "must be a mapping (key: value pairs)");
            return null;
        }

        return new YamlMap(mapping, Join(Path, key), Errors);
    }

    public IReadOnlyList<YamlNode>? Sequence(string key, int maxItems, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Errors.Add(Line, Join(Path, key), "is required");
            }

            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), "must be a list");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), "must not be empty");
            return null;
        }

        if (sequence.Children.Count > maxItems)
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), $"has {sequence.Children.Count} items; allowed: at most {maxItems}");
            return null;
        }

        return sequence.Children.ToList();
    }

    public YamlMap? ItemMap(YamlNode item, string path)
    {
        if (item is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, path, Errors);
        }

        Errors.Add((int)item.Start.Line, path, "must be a mapping (key: value pairs)");
        return null;
    }

    public void RejectUnknown()
    {
        foreach (var child in _node.Children)
        {
            var key = (child.Key as YamlScalarNode)?.Value ?? "?";
            if (!_known.Contains(key))
            {
                var allowed = string.Join(", ", _known.Order(StringComparer.Ordinal));
                Errors.Add((int)child.Key.Start.Line, Join(Path, key), $"unknown key; allowed here: {allowed}");
            }
        }
    }

    private string? Scalar(string key, bool required, string what)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Errors.Add(Line, Join(Path, key), "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrEmpty(scalar.Value))
        {
            Errors.Add((int)node.Start.Line, Join(Path, key), $"must be {what}");
            return null;
        }

        return scalar.Value;
    }

    private YamlNode? Find(string key) =>
        _node.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
