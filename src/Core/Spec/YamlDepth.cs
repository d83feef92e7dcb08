using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LrCluster.Core.Spec;

/// <summary>
/// Refuses deeply nested documents before the representation model loads them. YamlDotNet's representation model builds nodes
/// recursively, so a 256 KiB body of <c>[[[[...</c> overflows the stack and kills the whole process (a silo, or lrc) (a stack overflow
/// cannot be caught). Its event parser is iterative, so counting depth with it is safe at any depth.
/// </summary>
internal static class YamlDepth
{
    /// <summary>A real spec nests about six levels (root, clr, configs, a config, ...); this leaves room and stays far from the stack.</summary>
    public const int Max = 32;

    public static bool Exceeds(string yaml, int max = Max)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case SequenceStart or MappingStart when ++depth > max:
                        return true;
                    case SequenceEnd or MappingEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // Malformed before it got too deep: the spec reader reports the syntax error itself.
        }

        return false;
    }
}
