-- wrk script: each request carries the next session cookie from the file
-- given after `--`, one session id per line, so that the load comes from
-- many signed-in readers rather than one.
local sessions = {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      sessions[#sessions + 1] = line
    end
  end
  assert(#sessions > 0, "no sessions in " .. tostring(args[1]))
end

function request()
  n = n + 1
  local id = sessions[(n % #sessions) + 1]
  return wrk.format("GET", nil, { ["Cookie"] = "civic_session=" .. id })
end
