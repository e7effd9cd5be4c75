using System.ComponentModel.DataAnnotations;

namespace Sift.Storage;

/// <summary>Section <c>Storage</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Data directory of the embedded store and queues (standalone mode), relative to the working directory.</summary>
    public string Path { get; set; } = "./.sift";

    public string FullPath => System.IO.Path.GetFullPath(Path);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Path) || Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult("Storage:Path must be a directory path.", [nameof(Path)]);
        }
    }
}
