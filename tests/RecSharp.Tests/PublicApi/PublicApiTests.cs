using System.Reflection;
using RecSharp.Models;
using RecSharp.Tests.Shared;

namespace RecSharp.Tests.PublicApi;

/// <summary>
/// The library's public surface is the one recorded in <c>tests/RecSharp.Tests/PublicApi/RecSharp.api.txt</c>: every
/// public type and each of its public and protected members. A change to the surface fails here until the record is
/// updated on purpose (set <c>RECSHARP_UPDATE_API=1</c> and run this test to rewrite it), so the surface never grows
/// or shifts unnoticed.
/// </summary>
public class PublicApiTests
{
    private const string RecordPath = "tests/RecSharp.Tests/PublicApi/RecSharp.api.txt";

    /// <summary>At most this many public types: the library's surface is kept small.</summary>
    private const int MaximumPublicTypes = 45;

    [Fact]
    public void TheSurfaceIsTheRecordedOne()
    {
        string[] surface = Describe(typeof(MultiTaskModel).Assembly);
        string path = RepositoryFiles.Path(RecordPath);
        if (Environment.GetEnvironmentVariable("RECSHARP_UPDATE_API") == "1")
            File.WriteAllLines(path, surface);

        string[] recorded = File.ReadAllLines(path);
        var added = surface.Except(recorded).ToArray();
        var removed = recorded.Except(surface).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            $"the public surface changed (set RECSHARP_UPDATE_API=1 and rerun to record it, if intended):\n" +
            string.Join("\n", added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r))));
    }

    [Fact]
    public void ThePublicTypesAreFew()
    {
        var types = typeof(MultiTaskModel).Assembly.GetExportedTypes();
        Assert.True(types.Length <= MaximumPublicTypes,
            $"{types.Length} public types: {string.Join(", ", types.Select(t => t.Name).Order())}");
    }

    private static string[] Describe(Assembly assembly)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                                      | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"type {type.FullName}");
            lines.AddRange(type.GetMembers(Declared)
                .Where(IsVisible)
                .Select(m => $"  {m.MemberType} {m}")
                .Order(StringComparer.Ordinal));
        }

        return [.. lines];
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        ConstructorInfo c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly,
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    };
}
