using System.Text.RegularExpressions;
using System.Xml.Linq;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Layering;

/// <summary>
/// The layers of <c>docs/architecture.md</c> are the code's: each folder of <c>src/RecSharp</c> uses only the
/// namespaces of folders numbered no higher than its own in the document's table, and the projects reference one
/// another as the document says (the data pipeline and the catalog without TorchSharp).
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string Library = RepositoryFiles.Path("src/RecSharp");

    [Fact]
    public void EachFolderOfTheLibraryUsesOnlyTheLayersAboveIt()
    {
        var ranks = LayerRanks();
        var violations = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Library, file).Replace('\\', '/');
            string folder = relative.Split('/')[0];
            if (!ranks.TryGetValue(folder, out int rank)) continue;   // project files, build logic
            foreach (string used in UsedLayers(File.ReadAllText(file)).Where(ranks.ContainsKey))
            {
                if (ranks[used] > rank) violations.Add($"{relative} ({folder}, {rank}) uses {used} ({ranks[used]})");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    // A type split over folders (a partial class with a file in another layer's folder) would hide a dependency from the
    // test above: each file declares the namespace of its folder, so a file in a layer's folder belongs to that layer.
    [Fact]
    public void EachFileOfTheLibraryDeclaresTheNamespaceOfItsFolder()
    {
        var ranks = LayerRanks();
        var misplaced = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Library, file).Replace('\\', '/');
            string folder = Path.GetDirectoryName(relative)!.Replace('\\', '/');
            if (folder.Length == 0 || !ranks.ContainsKey(folder.Split('/')[0])) continue;
            string expected = "RecSharp." + folder.Replace('/', '.');
            string? declared = FileNamespace().Match(File.ReadAllText(file)) is { Success: true } m
                ? m.Groups["name"].Value
                : null;
            if (declared != expected) misplaced.Add($"{relative} declares {declared ?? "no namespace"}, not {expected}");
        }

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void EveryFolderOfTheLibraryIsALayerOfTheDocument()
    {
        var ranks = LayerRanks();
        var folders = Directory.EnumerateDirectories(Library).Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj" or "buildTransitive")).Order(StringComparer.Ordinal);
        Assert.Equal(folders, ranks.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("src/RecSharp.Abstractions", new string[0])]
    [InlineData("src/RecSharp.Data", new[] { "RecSharp.Abstractions" })]
    [InlineData("src/RecSharp", new[] { "RecSharp.Abstractions" })]
    [InlineData("src/RecSharp.Mpi", new[] { "RecSharp" })]
    [InlineData("src/RecSharp.Serving", new[] { "RecSharp", "RecSharp.Data" })]
    public void ProjectsReferenceOnlyTheLayersBelowThemInTheDocument(string project, string[] expected)
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryFiles.Path(project), Path.GetFileName(project) + ".csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), references);
    }

    [Theory]
    [InlineData("src/RecSharp.Abstractions")]
    [InlineData("src/RecSharp.Data")]
    public void TheCatalogAndTheDataPipelineHaveNoTensors(string project)
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryFiles.Path(project), Path.GetFileName(project) + ".csproj"));
        Assert.DoesNotContain(csproj.Descendants("PackageReference"),
            r => r.Attribute("Include")!.Value.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    // The table's rows "| N. Name | `Folder/` | ...": a folder of src/RecSharp and its layer number.
    private static Dictionary<string, int> LayerRanks()
    {
        string text = File.ReadAllText(RepositoryFiles.Path("docs/architecture.md"));
        var ranks = LayerRow().Matches(text).ToDictionary(m => m.Groups["folder"].Value, m => int.Parse(m.Groups["rank"].Value));
        Assert.NotEmpty(ranks);
        return ranks;
    }

    // The layers a file names: its using directives and fully qualified references, RecSharp.<Layer>.
    private static IEnumerable<string> UsedLayers(string code) =>
        UsedNamespace().Matches(code).Select(m => m.Groups["layer"].Value).Distinct();

    [GeneratedRegex(@"^\| (?<rank>\d+)\. \w+ \| `(?<folder>\w+)/` \|", RegexOptions.Multiline)]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bRecSharp\.(?<layer>[A-Z]\w*)\b")]
    private static partial Regex UsedNamespace();
}
