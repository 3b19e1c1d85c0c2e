namespace RecSharp.Data.Configuration;

/// <summary>The multi-task architectures an experiment can name.</summary>
public enum ModelType
{
    /// <summary>Progressive Layered Extraction (Tang et al., RecSys 2020).</summary>
    Ple,

    /// <summary>Customized Gate Control: a single PLE extraction level.</summary>
    Cgc,

    /// <summary>Multi-gate Mixture-of-Experts (Ma et al., KDD 2018).</summary>
    Mmoe,

    /// <summary>A shared bottom network with one tower per task.</summary>
    SharedBottom,

    /// <summary>Entire Space Multi-task Model (Ma et al., SIGIR 2018): CTR and CTCVR towers.</summary>
    Esmm,
}
