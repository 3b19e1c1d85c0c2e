namespace RecSharp.Data.Synthetic;

/// <summary>
/// The synthetic two-task regression benchmark of the MMoE paper (Ma et al., KDD 2018, §3.2) with a controllable task
/// correlation. Orthogonal unit vectors u1, u2 are drawn; w1 = c·u1 and w2 = c·(p·u1 + √(1−p²)·u2); each row has
/// x ~ N(0, I_d) and y_i = w_iᵀx + Σ_{j=1..m} sin(α_j·w_iᵀx + β_j) + ε_i with α_j, β_j ~ N(0, 1) shared by both tasks
/// (or α_j = j, β_j = (j−1)² with <see cref="MmoeSyntheticOptions.IndexSineParameters"/>) and ε_i ~ N(0, NoiseStd²).
/// All draws come from PCG32 seeded with <see cref="SyntheticOptions.Seed"/>, so the data is identical on every
/// platform. The input is d dense features named <c>x0</c>..<c>x{d-1}</c>, each <c>float[rows]</c>;
/// the tasks are regressions named <c>y1</c> and <c>y2</c>.
/// </summary>
public static class MmoeSyntheticGenerator
{
    /// <summary>Generates the data set.</summary>
    /// <param name="options">The sizes, correlation and seed.</param>
    public static SyntheticDataset Generate(MmoeSyntheticOptions options)
        => new MmoeSyntheticWorld(options).Draw(options.Rows);
}
