using System.Reflection;
using BenchmarkDotNet.Attributes;
using RecSharp.Bench.Micro;

namespace RecSharp.Bench.Tests.Micro;

/// <summary>Each micro-benchmark runs once outside BenchmarkDotNet (setup, every benchmark method, cleanup), so none
/// can rot.</summary>
public class MicroBenchmarkTests
{
    public static TheoryData<string> Classes() => new(MicroCommand.Benchmarks.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryBenchmarkMethodRunsOnce(string name)
    {
        var type = MicroCommand.Benchmarks.Single(t => t.Name == name);
        object instance = Activator.CreateInstance(type)!;
        type.GetProperty("BatchSize")!.SetValue(instance, 256);
        Invoke<GlobalSetupAttribute>(type, instance);
        try
        {
            var benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
                .ToArray();
            Assert.NotEmpty(benchmarks);
            foreach (var method in benchmarks)
            {
                var result = Convert.ToInt64(method.Invoke(instance, null),
                    System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(result > 0, $"{name}.{method.Name} returned {result}");
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(type, instance);
        }
    }

    private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
            method.Invoke(instance, null);
    }
}
