using RecSharp.Data.Configuration;

namespace RecSharp.Bench.Workloads;

/// <summary>How reports name the model types, as the README's tables do.</summary>
internal static class ModelNames
{
    /// <summary>PLE, CGC, MMOE, SharedBottom or ESMM.</summary>
    public static string Display(ModelType type) => type switch
    {
        ModelType.Ple => "PLE",
        ModelType.Cgc => "CGC",
        ModelType.Mmoe => "MMOE",
        ModelType.SharedBottom => "SharedBottom",
        ModelType.Esmm => "ESMM",
        _ => type.ToString(),
    };
}
