public import DevlogImport

/// Why `.devlog/config.yaml` could not be used: one line naming the file, line and field, as for
/// any input file (`.devlog/config.yaml:3: discord.mode: unknown mode "txt"; use text, embed or file`).
///
/// Never holds a webhook URL: a bad one is described by ``DevlogPublish/WebhookURLError``, which
/// does not repeat it.
public typealias ConfigFileError = ImportError
