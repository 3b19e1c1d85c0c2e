namespace RecSharp.Application.CommandLine;

/// <summary>
/// A command line of the form <c>command [--option value]… [--flag]…</c>, checked against the options and flags a
/// command accepts.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _flags;

    private ParsedArguments(Dictionary<string, string> options, HashSet<string> flags)
    {
        _options = options;
        _flags = flags;
    }

    /// <summary>Parses <paramref name="args"/> (without the command name).</summary>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options,
        IReadOnlyCollection<string> flags)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (flags.Contains(arg))
            {
                set.Add(arg);
            }
            else if (options.Contains(arg))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"option {arg} needs a value");
                values[arg] = args[++i];
            }
            else
            {
                throw new UsageException(
                    $"unknown argument \"{arg}\" (accepted: {string.Join(", ", options.Concat(flags))})");
            }
        }
        return new ParsedArguments(values, set);
    }

    /// <summary>The value of an option, or null.</summary>
    public string? Get(string option) => _options.GetValueOrDefault(option);

    /// <summary>The value of a required option.</summary>
    public string Require(string option) => Get(option) ?? throw new UsageException($"option {option} is required");

    /// <summary>Whether a flag is present.</summary>
    public bool Has(string flag) => _flags.Contains(flag);
}
