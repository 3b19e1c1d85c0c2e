using RecSharp.Data.Configuration.Yaml;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads a top-level list of named entries, such as <c>features</c> or <c>tasks</c>.</summary>
internal static class NamedEntries
{
    /// <summary>
    /// The entries of the list under <paramref name="key"/>, which must be present and not empty; each entry is a
    /// mapping of <paramref name="entryKeys"/>, and no two entries have the same name.
    /// </summary>
    /// <param name="root">The top level of the experiment.</param>
    /// <param name="key">The list's key, such as <c>tasks</c>.</param>
    /// <param name="entry">What one entry is called in messages, such as <c>task</c>.</param>
    /// <param name="entryKeys">The keys an entry may have.</param>
    /// <param name="parse">Reads one entry.</param>
    /// <param name="name">The name of a read entry.</param>
    /// <param name="check">Checks a read entry, once its name is known to be its own.</param>
    public static IReadOnlyList<T> Parse<T>(YamlSection root, string key, string entry,
        IReadOnlyCollection<string> entryKeys, Func<YamlSection, T> parse, Func<T, string> name,
        Action<YamlSection, T>? check = null)
    {
        if (!root.TryGet(key, out var node))
        {
            throw root.Context.Error(root.Node, $"the experiment needs a '{key}' list with at least one {entry}");
        }

        var items = root.Items(node, root.Qualified(key));
        if (items.Count == 0)
        {
            throw root.Context.Error(node, $"'{key}' must list at least one {entry}");
        }

        var entries = new List<T>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var section = new YamlSection(root.Context, items[i], $"{key}[{i}]", entryKeys);
            var parsed = parse(section);
            if (!names.Add(name(parsed)))
            {
                throw section.ErrorAt("name", $"{entry} name '{name(parsed)}' is used twice");
            }

            check?.Invoke(section, parsed);
            entries.Add(parsed);
        }

        return entries;
    }
}
