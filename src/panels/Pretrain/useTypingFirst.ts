/**
 * Typing first: while this is mounted, every edit on the page (an `input` event: a keystroke in
 * a text field, a slider moved) asks a run that is training to hold its next step, so on a
 * machine with few cores the worker's training does not take the core a keystroke's frame needs.
 * Buttons and keyboard shortcuts fire no `input`, so Start, Step and Pause are not delayed.
 */
import { useEffect } from 'react';
import { holdForTyping } from '../../model/pretrain/pretrainStore';

export function useTypingFirst(): void {
  useEffect(() => {
    const onInput = () => holdForTyping();
    document.addEventListener('input', onInput, true);
    return () => document.removeEventListener('input', onInput, true);
  }, []);
}
