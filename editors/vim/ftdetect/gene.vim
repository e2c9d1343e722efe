" Gene programs: *.gene files, and scripts whose first line runs gene.
autocmd BufRead,BufNewFile *.gene setfiletype gene
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<gene\>' | setfiletype gene | endif
