-- regex-replace: build n log lines (about 9.5 MB of text), count the dates and the e-mail
-- addresses, and rewrite every date from YYYY-MM-DD to DD/MM/YYYY with captures.
-- n = 125000. Lua patterns express these three regexes exactly.
local function pad2(k)
  if k < 10 then return "0" .. string.format("%d", k) end
  return string.format("%d", k)
end

local function run(n)
  local lines = {}
  for i = 0, n - 1 do
    local id = string.format("%d", i)
    lines[#lines + 1] = "user" .. id .. " <user" .. id .. "@example.com> visited /page/" .. string.format("%d", i % 1000)
      .. " on 2024-" .. pad2(1 + i % 12) .. "-" .. pad2(1 + i % 28) .. " status ok\n"
  end
  local text = table.concat(lines)
  local _, dates = string.gsub(text, "%d%d%d%d%-%d%d%-%d%d", "")
  local _, mails = string.gsub(text, "[a-z0-9]+@[a-z]+%.com", "")
  local swapped = string.gsub(text, "(%d%d%d%d)%-(%d%d)%-(%d%d)", "%3/%2/%1")
  return dates, mails, #swapped
end

local dates, mails, len = run(125000)
print(string.format("%d %d %d", dates, mails, len))
