using System.Text.RegularExpressions;
using System.Xml.Linq;
using RecSharp.Tests.Shared;

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
        foreach (var (relative, layer) in LayerFiles(ranks))
        {
            int rank = ranks[layer];
            string code = File.ReadAllText(Path.Combine(Library, relative));
            foreach (string used in UsedLayers(code).Where(ranks.ContainsKey))
            {
                if (ranks[used] > rank) violations.Add($"{relative} ({layer}, {rank}) uses {used} ({ranks[used]})");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    // A type split over folders (a partial class with a file in another layer's folder) would hide a dependency from
    // the test above: each file declares the namespace of its folder, so a file in a layer's folder belongs to it.
    [Fact]
    public void EachFileOfTheLibraryDeclaresTheNamespaceOfItsFolder()
    {
        var misplaced = new List<string>();
        foreach (var (relative, _) in LayerFiles(LayerRanks()))
        {
            string expected = "RecSharp." + Path.GetDirectoryName(relative)!.Replace('\\', '/').Replace('/', '.');
            var declared = FileNamespace().Match(File.ReadAllText(Path.Combine(Library, relative)));
            string found = declared.Success ? declared.Groups["name"].Value : "no namespace";
            if (found != expected) misplaced.Add($"{relative} declares {found}, not {expected}");
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
    [InlineData("src/RecSharp.Application", new[] { "RecSharp", "RecSharp.Data", "RecSharp.Mpi" })]
    [InlineData("src/RecSharp.Cli", new[] { "RecSharp.Application", "RecSharp.Serving" })]
    [InlineData("bench/RecSharp.Bench",
        new[] { "RecSharp", "RecSharp.Application", "RecSharp.Data", "RecSharp.Mpi", "RecSharp.Serving" })]
    public void ProjectsReferenceOnlyTheLayersBelowThemInTheDocument(string project, string[] expected)
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryFiles.Path(project), Path.GetFileName(project) + ".csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), references);
    }

    [Fact]
    public void OnlyTheTestsOfTheCommandLineAndTheServerReferenceIt()
    {
        var referencing = Directory.EnumerateDirectories(RepositoryFiles.Root)
            .SelectMany(Directory.EnumerateDirectories)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj"))
            .Where(csproj => XDocument.Load(csproj).Descendants("ProjectReference")
                .Any(r => Path.GetFileName(r.Attribute("Include")!.Value) == "RecSharp.Cli.csproj"))
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(["RecSharp.Cli.Tests", "RecSharp.Serving.Tests"], referencing);
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
        var ranks = LayerRow().Matches(text)
            .ToDictionary(m => m.Groups["folder"].Value, m => int.Parse(m.Groups["rank"].Value));
        Assert.NotEmpty(ranks);
        return ranks;
    }

    // The code files in the layers' folders (not project files or build logic): their path below src/RecSharp, and
    // the layer's folder.
    private static IEnumerable<(string Relative, string Layer)> LayerFiles(Dictionary<string, int> ranks) =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Library, file).Replace('\\', '/'))
            .Select(relative => (relative, relative.Split('/')[0]))
            .Where(file => ranks.ContainsKey(file.Item2));

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
