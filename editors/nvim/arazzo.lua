-- The Arazzo debugger for Neovim through nvim-dap (https://github.com/mfussenegger/nvim-dap).
--
-- Registers the `arazzo` adapter (`arazzo dap`: the Debug Adapter Protocol over stdin/stdout)
-- and launch configurations for YAML buffers. Load it after nvim-dap, for example:
--
--   -- init.lua, with this file copied to ~/.config/nvim/lua/arazzo.lua:
--   require('arazzo')
--
--   -- or straight from a checkout:
--   dofile('/path/to/arazzo/editors/nvim/arazzo.lua')
--
-- Then open an Arazzo document, set breakpoints with :DapToggleBreakpoint (a condition such as
-- `$statusCode == 200` with require('dap').set_breakpoint(vim.fn.input('Condition: '))) and
-- start with :DapContinue, which offers the configurations below. Set `vim.g.arazzo_path` to
-- the executable when `arazzo` is not on PATH. Returns the configurations for reuse.

local dap = require('dap')

dap.adapters.arazzo = {
  type = 'executable',
  command = vim.g.arazzo_path or 'arazzo',
  args = { 'dap' },
}

-- Every attribute the adapter's `launch` takes: program (required), workflowId, inputs,
-- inputsFile, servers, sources, replay, record, stopOnEntry, strict, showSecrets, maxSteps,
-- timeout and loopDelay (seconds), checks ({ all = 'error' } or a check name -> error|warn|off).
local configurations = {
  {
    type = 'arazzo',
    request = 'launch',
    name = 'Arazzo: this document, paused before the first step',
    program = '${file}',
    stopOnEntry = true,
  },
  {
    type = 'arazzo',
    request = 'launch',
    name = 'Arazzo: the seed, offline from its recording',
    program = '${workspaceFolder}/examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml',
    workflowId = 'trigger-run-and-poll',
    replay = '${workspaceFolder}/examples/dbt-cloud/recordings/success.har',
    inputsFile = '${workspaceFolder}/examples/dbt-cloud/recordings/success.inputs.json',
    stopOnEntry = true,
  },
  {
    type = 'arazzo',
    request = 'launch',
    name = 'Arazzo: ask for the document and workflow',
    program = function()
      return vim.fn.input('Arazzo document: ', vim.fn.expand('%:p'), 'file')
    end,
    workflowId = function()
      local id = vim.fn.input('Workflow id (empty: the first): ')
      -- nil leaves the attribute out: the document's first workflow runs.
      if id == '' then return nil end
      return id
    end,
    stopOnEntry = true,
  },
  {
    type = 'arazzo',
    request = 'launch',
    name = 'Arazzo: this document, with contract checks',
    program = '${file}',
    checks = { all = 'error' },
    strict = true,
  },
}

-- Added to (not in place of) any configurations the filetypes already have.
for _, filetype in ipairs({ 'yaml', 'json' }) do
  dap.configurations[filetype] = dap.configurations[filetype] or {}
  vim.list_extend(dap.configurations[filetype], configurations)
end

return configurations
